// The LLM engine: the model asks the catalog through tools (search_listings, get_listing_sessions) instead of guessing,
// and answers JSON naming the listings it recommends. Its answer is used only when every listing came from a tool,
// fits every hard constraint and has a fitting session, and the text names nothing the tools did not return.
import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'
import type { ChatMessage, ChatModel, ToolCall, ToolDefinition } from '../../integrations/llm/index.js'
import { LlmError } from '../../integrations/llm/index.js'
import type { ListingCard, SearchListingsQuery } from '../catalog/index.js'
import type { EngineAnswer, EngineInput, HistoryTurn, TokenUsage } from './engine-types.js'
import { brokenConstraints } from './fit-rules.js'
import { ungroundedClaims } from './grounding.js'
import { formatSessionTime, indiaDate } from './india-time.js'
import { explainFit, nextFittingSession, SESSION_WINDOW_DAYS, type CatalogReader, type Recommendation, type SessionView } from './recommend.js'
import { describeQuery } from './offline-reply.js'
import { CATEGORY_NAMES } from './vocabulary.js'
import { LISTING_KINDS } from './understanding.js'

export interface LlmLogger {
  warn(details: object, message: string): void
}

const MAX_ROUNDS = 4
const MAX_ANSWER_TOKENS = 600
const HISTORY_CHARS = 6_000
const TURN_CHARS = 1_200

const SearchArgs = Type.Object({
  category: Type.Optional(Type.Enum(Object.keys(CATEGORY_NAMES))),
  city: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 18 })),
  type: Type.Optional(Type.Enum([...LISTING_KINDS])),
  max_price_rupees: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  trial_only: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
})
const SessionsArgs = Type.Object({ listing_id: Type.String({ format: 'uuid' }) })
const FinalAnswer = Type.Object({
  reply: Type.String({ minLength: 1, maxLength: 4_000 }),
  recommendations: Type.Array(Type.Object({ listing_id: Type.String(), why: Type.String({ maxLength: 500 }) }), { maxItems: 5 }),
})
type FinalAnswer = Static<typeof FinalAnswer>

export const ADVISOR_TOOLS: readonly ToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'search_listings',
      description: 'Search the RRRAY catalog of public kids activities. Returns listing cards: id, title, studio, category, ages, price in rupees, area, rating, next session (India time).',
      parameters: Value.Clone(SearchArgs),
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_listing_sessions',
      description: 'Upcoming sessions of one listing (India time) with seats left.',
      parameters: Value.Clone(SessionsArgs),
    },
  },
]

/** The conversation as the model sees it: the last turns only, each clipped, within a character budget. */
export function trimHistory(history: readonly HistoryTurn[], maxTurns: number): HistoryTurn[] {
  const kept: HistoryTurn[] = []
  let chars = 0
  for (const turn of [...history].reverse().slice(0, maxTurns)) {
    const content = turn.content.length > TURN_CHARS ? `${turn.content.slice(0, TURN_CHARS)}…` : turn.content
    if (chars + content.length > HISTORY_CHARS) break
    chars += content.length
    kept.unshift({ role: turn.role, content })
  }
  return kept
}

function systemPrompt(input: EngineInput): string {
  return [
    'You are the RRRAY activity advisor for parents in India. Recommend kids activities ONLY from the tools\' results.',
    'Never invent a listing, studio, price, age range, date or time: mention only what a tool returned. Prices are in rupees (₹).',
    `Today in India is ${indiaDate(input.now)}. What the parent asked, as understood: ${describeQuery(input.query)}.`,
    `Understanding as JSON: ${JSON.stringify({ ages: input.query.ages, city: input.query.city, categories: input.query.categories, max_price_rupees: input.query.max_price === null ? null : input.query.max_price / 100, type: input.query.type, trial_only: input.query.trial_only })}.`,
    'Call search_listings (and get_listing_sessions when days or times matter), then answer with JSON only:',
    '{"reply": "<2-4 short sentences>", "recommendations": [{"listing_id": "<id from a tool>", "why": "<one sentence>"}]} (at most 5).',
  ].join('\n')
}

function toolCard(card: ListingCard) {
  return {
    id: card.id,
    title: card.title,
    studio: card.partner.business_name,
    category: card.category.slug,
    type: card.type,
    ages: `${card.age_min}-${card.age_max}`,
    price_rupees: card.price / 100,
    trial_available: card.trial_available,
    city: card.city,
    area: card.area,
    rating: card.rating.average,
    next_session: card.next_session_at ? formatSessionTime(new Date(card.next_session_at)) : null,
  }
}

function parseArgs<T extends Type.TSchema>(schema: T, raw: string): Static<T> | undefined {
  try {
    const value: unknown = JSON.parse(raw || '{}')
    return Value.Check(schema, value) ? (value as Static<T>) : undefined
  } catch {
    return undefined
  }
}

function parseFinal(content: string | null): FinalAnswer | undefined {
  if (!content) return undefined
  const json = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '')
  return parseArgs(FinalAnswer, json)
}

interface Attempt {
  answer?: EngineAnswer
  reason?: string
  usage: TokenUsage
}

export async function answerWithLlm(deps: { catalog: CatalogReader; model: ChatModel }, input: EngineInput): Promise<Attempt> {
  const usage: TokenUsage = { prompt_tokens: 0, completion_tokens: 0 }
  const seen = new Map<string, ListingCard>()
  const sessions = new Map<string, SessionView[]>()

  const runTool = async (call: ToolCall): Promise<string> => {
    if (call.function.name === 'search_listings') {
      const args = parseArgs(SearchArgs, call.function.arguments)
      if (!args) return JSON.stringify({ error: 'invalid arguments for search_listings' })
      const filters: SearchListingsQuery = { page: 1, page_size: 10, sort: 'rating', date_from: indiaDate(input.now), date_to: indiaDate(input.now, SESSION_WINDOW_DAYS - 1) }
      if (args.category) filters.category = args.category
      if (args.city) filters.city = args.city
      if (args.age !== undefined) filters.age = args.age
      if (args.type) filters.type = args.type
      if (args.max_price_rupees !== undefined) filters.max_price = args.max_price_rupees * 100
      if (args.trial_only) filters.trial_only = true
      if (args.q && args.q.trim()) filters.q = args.q
      const page = await deps.catalog.searchListings(filters)
      page.items.forEach((card) => seen.set(card.id, card))
      return JSON.stringify({ total: page.total, listings: page.items.map(toolCard) })
    }
    if (call.function.name === 'get_listing_sessions') {
      const args = parseArgs(SessionsArgs, call.function.arguments)
      if (!args || !seen.has(args.listing_id)) return JSON.stringify({ error: 'listing_id must be an id search_listings returned' })
      const page = await deps.catalog.listListingSessions(args.listing_id, { page: 1, page_size: 20, date_from: indiaDate(input.now), date_to: indiaDate(input.now, SESSION_WINDOW_DAYS - 1) })
      sessions.set(args.listing_id, page.items)
      return JSON.stringify({ sessions: page.items.map((s) => ({ starts: formatSessionTime(new Date(s.starts_at)), seats_left: s.seats_left })) })
    }
    return JSON.stringify({ error: `unknown tool ${call.function.name}` })
  }

  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(input) },
    ...trimHistory(input.history, Number.MAX_SAFE_INTEGER),
    { role: 'user', content: input.message },
  ]
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const completion = await deps.model.complete({ messages, tools: ADVISOR_TOOLS, maxTokens: MAX_ANSWER_TOKENS, stream: true })
      usage.prompt_tokens += completion.usage.prompt_tokens
      usage.completion_tokens += completion.usage.completion_tokens
      if (completion.tool_calls.length === 0) return await checkFinal(parseFinal(completion.content))
      messages.push({ role: 'assistant', content: completion.content, tool_calls: completion.tool_calls })
      for (const call of completion.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: await runTool(call) })
    }
    return { reason: 'too many tool rounds', usage }
  } catch (err) {
    if (err instanceof LlmError) return { reason: `${err.reason}: ${err.message}`, usage }
    throw err
  }

  async function checkFinal(final: FinalAnswer | undefined): Promise<Attempt> {
    if (!final) return { reason: 'the final answer is not the JSON asked for', usage }
    if (final.recommendations.length === 0) return { reason: 'no recommendation (the offline engine offers a relaxation)', usage }
    const recommendations: Recommendation[] = []
    for (const r of final.recommendations) {
      const card = seen.get(r.listing_id)
      if (!card) return { reason: `listing ${r.listing_id} did not come from a tool`, usage }
      const broken = brokenConstraints(card, input.query)
      if (broken.length > 0) return { reason: `listing ${card.id} breaks ${broken.join(', ')}`, usage }
      const session = await nextFittingSession(deps.catalog, card, input.query, { now: input.now, seats: input.seats })
      if (!session) return { reason: `listing ${card.id} has no session that fits`, usage }
      recommendations.push({ listing: card, next_session: session, why: [r.why, ...explainFit(card, session, input.query)] })
    }
    const seenAsRecommendations = [...seen.values()].map((listing) => ({ listing, next_session: null, why: [] }))
    const sessionFacts = [...sessions.entries()].flatMap(([id, list]) => list.map((s) => ({ listing: seen.get(id)!, next_session: s, why: [] })))
    const problems = ungroundedClaims([final.reply, ...final.recommendations.map((r) => r.why)].join('\n'), {
      recommendations,
      seen: [...seenAsRecommendations, ...sessionFacts],
      query: input.query,
    })
    if (problems.length > 0) return { reason: `not grounded: ${problems.join('; ')}`, usage }
    return { answer: { reply: final.reply, result: { recommendations, relaxation: null }, engine: 'llm', usage }, usage }
  }
}
