// Use cases of the AI advisor: ask (understand → recommend from the catalog → answer, within a daily limit) and the
// parent's conversations. A question is checked and counted first (prepareChat), then answered (answerChat), so a
// streamed answer only starts once nothing about the request can fail any more.
import type { Database, Executor } from '../../db/database.js'
import type { ChatModel } from '../../integrations/llm/index.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { PageOf, PageQuery } from '../../shared/schemas.js'
import { ChildNotFoundError, findChildren, findChildrenOfUser, findUserCity } from '../auth/index.js'
import { AdvisorDailyLimitError, ConversationNotFoundError } from './ai-advisor.errors.js'
import { createAdvisorRepository, type ConversationRow, type MessageRow } from './ai-advisor.repository.js'
import type { ChatBody, ChatResponse, MessageResponse, UnderstandingResponse } from './ai-advisor.schemas.js'
import type { EngineAnswer, HistoryTurn } from './engine-types.js'
import { createAdvisorEngine } from './engines.js'
import { ageOn, indiaDate, secondsToIndiaMidnight } from './india-time.js'
import type { LlmLogger } from './llm-engine.js'
import type { CatalogReader, Recommendation, Relaxation } from './recommend.js'
import { parseMessage, resolveQuery, type AdvisorQuery } from './understanding.js'

const TITLE_CHARS = 80

export interface PreparedChat {
  userId: string
  message: string
  conversation: ConversationRow | null
  query: AdvisorQuery
  history: HistoryTurn[]
  seats: number
  askedAt: Date
  day: string
}

export interface ConversationSummary {
  id: string
  title: string
  message_count: number
  created_at: string
  updated_at: string
}

export interface ConversationDetail {
  id: string
  title: string
  created_at: string
  updated_at: string
  messages: MessageResponse[]
}

export interface AdvisorService {
  /** Checks the conversation and children, counts the question against the daily limit and reads what it asks. */
  prepareChat(userId: string, body: ChatBody): Promise<PreparedChat>
  /** Answers a prepared question and keeps both turns in the conversation. */
  answerChat(prepared: PreparedChat): Promise<ChatResponse>
  listConversations(userId: string, page: PageQuery): Promise<PageOf<ConversationSummary>>
  getConversation(userId: string, id: string): Promise<ConversationDetail>
  deleteConversation(userId: string, id: string): Promise<void>
}

export interface AdvisorDeps {
  db: Database['db']
  clock: Clock
  ids: IdGenerator
  catalog: CatalogReader
  chatModel: ChatModel
  logger: LlmLogger
  dailyQuestions: number
  historyMessages: number
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

export function toUnderstandingResponse(q: AdvisorQuery): UnderstandingResponse {
  return {
    ages: q.ages,
    city: q.city,
    city_source: q.city_source,
    area: q.area?.name ?? null,
    radius_km: q.radius_km,
    categories: q.categories,
    weekdays: q.weekdays,
    time_window: q.time_window ? { from: hhmm(q.time_window.from), to: hhmm(Math.min(q.time_window.to, 23 * 60 + 59)), label: q.time_window.label } : null,
    max_price: q.max_price,
    type: q.type,
    trial_only: q.trial_only,
  }
}

function toMessageResponse(row: MessageRow): MessageResponse {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    recommendations: (row.recommendations as Recommendation[] | null) ?? [],
    relaxation: (row.relaxation as Relaxation | null) ?? null,
    engine: row.engine,
    prompt_tokens: row.prompt_tokens,
    completion_tokens: row.completion_tokens,
    created_at: row.created_at.toISOString(),
  }
}

async function childAges(db: Executor, userId: string, body: ChatBody, allChildren: boolean, at: Date): Promise<number[]> {
  const ids = body.child_ids ?? []
  if (ids.length > 0) {
    const found = await findChildren(db, ids, userId)
    if (found.length !== ids.length) throw new ChildNotFoundError()
    return found.map((c) => ageOn(c.date_of_birth, at))
  }
  if (!allChildren) return []
  return (await findChildrenOfUser(db, userId)).map((c) => ageOn(c.date_of_birth, at))
}

export function createAdvisorService(deps: AdvisorDeps): AdvisorService {
  const { db, clock, ids } = deps
  const repo = createAdvisorRepository(db)
  const engine = createAdvisorEngine({ catalog: deps.catalog, model: deps.chatModel, logger: deps.logger })

  return {
    async prepareChat(userId, body) {
      const askedAt = clock.now()
      const day = indiaDate(askedAt)
      const conversation = body.conversation_id ? await repo.findConversation(userId, body.conversation_id) : undefined
      if (body.conversation_id && !conversation) throw new ConversationNotFoundError()
      const parsed = parseMessage(body.message)
      const [ages, profileCity, recent] = await Promise.all([
        parsed.ages.length > 0 ? Promise.resolve([]) : childAges(db, userId, body, parsed.all_children, askedAt),
        findUserCity(db, userId),
        conversation ? repo.listRecentMessages(conversation.id, Math.max(deps.historyMessages, 2)) : Promise.resolve([]),
      ])
      // child_ids that are not the parent's are refused even when the message gives ages itself
      if (parsed.ages.length > 0 && body.child_ids && body.child_ids.length > 0) await childAges(db, userId, body, false, askedAt)
      // counted last: a refused request does not use up a question
      if (!(await repo.claimQuestion(userId, day, deps.dailyQuestions))) throw new AdvisorDailyLimitError(deps.dailyQuestions, secondsToIndiaMidnight(askedAt))
      const previous = [...recent].reverse().find((m) => m.role === 'assistant' && m.understanding !== null)
      const query = resolveQuery(parsed, { childAges: ages, profileCity, previous: (previous?.understanding as AdvisorQuery | undefined) ?? null })
      const history = recent.slice(-deps.historyMessages).map((m) => ({ role: m.role, content: m.content }))
      // a conversation's messages are ordered by time: a new question never sorts before the last answer
      const last = recent.at(-1)?.created_at.getTime() ?? 0
      const at = new Date(Math.max(askedAt.getTime(), last + 1))
      return { userId, message: body.message, conversation: conversation ?? null, query, history, seats: Math.max(1, query.ages.length), askedAt: at, day }
    },

    async answerChat(prepared) {
      const answer: EngineAnswer = await engine.answer({ message: prepared.message, query: prepared.query, history: prepared.history, now: prepared.askedAt, seats: prepared.seats })
      const answeredAt = new Date(Math.max(clock.now().getTime(), prepared.askedAt.getTime() + 1))
      const { conversationId, assistantId } = await db.transaction(async (tx) => {
        const txRepo = createAdvisorRepository(tx)
        const conversationId = prepared.conversation?.id ?? ids.next()
        if (prepared.conversation) await txRepo.touchConversation(conversationId, answeredAt)
        else {
          const title = prepared.message.trim().replace(/\s+/g, ' ').slice(0, TITLE_CHARS)
          await txRepo.createConversation({ id: conversationId, user_id: prepared.userId, title, created_at: prepared.askedAt, updated_at: answeredAt })
        }
        const assistantId = ids.next()
        await txRepo.insertMessages([
          { id: ids.next(), conversation_id: conversationId, role: 'user', content: prepared.message, created_at: prepared.askedAt },
          {
            id: assistantId, conversation_id: conversationId, role: 'assistant', content: answer.reply, recommendations: answer.result.recommendations,
            relaxation: answer.result.relaxation, understanding: prepared.query, engine: answer.engine, prompt_tokens: answer.usage.prompt_tokens,
            completion_tokens: answer.usage.completion_tokens, created_at: answeredAt,
          },
        ])
        const tokens = answer.usage.prompt_tokens + answer.usage.completion_tokens
        if (tokens > 0) await txRepo.addTokens(prepared.userId, prepared.day, tokens)
        return { conversationId, assistantId }
      })
      return {
        conversation_id: conversationId,
        message_id: assistantId,
        reply: answer.reply,
        recommendations: answer.result.recommendations,
        relaxation: answer.result.relaxation,
        understanding: toUnderstandingResponse(prepared.query),
        engine: answer.engine,
        usage: answer.usage,
      }
    },

    async listConversations(userId, page) {
      const { items, total } = await repo.listConversations(userId, page)
      return {
        items: items.map((c) => ({ id: c.id, title: c.title, message_count: c.message_count, created_at: c.created_at.toISOString(), updated_at: c.updated_at.toISOString() })),
        total,
        page: page.page,
        page_size: page.page_size,
      }
    },

    async getConversation(userId, id) {
      const conversation = await repo.findConversation(userId, id)
      if (!conversation) throw new ConversationNotFoundError()
      const messages = await repo.listMessages(id)
      return {
        id: conversation.id,
        title: conversation.title,
        created_at: conversation.created_at.toISOString(),
        updated_at: conversation.updated_at.toISOString(),
        messages: messages.map(toMessageResponse),
      }
    },

    async deleteConversation(userId, id) {
      if (!(await repo.deleteConversation(userId, id))) throw new ConversationNotFoundError()
    },
  }
}
