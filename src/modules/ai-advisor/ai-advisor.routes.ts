// /api/ai-advisor: a parent asks in plain words and gets activities from the catalog; their conversations.
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, Page, PageQuery } from '../../shared/schemas.js'
import { ChatBody, ChatEventStream, ConversationResponse, ConversationSummary } from './ai-advisor.schemas.js'
import { toUnderstandingResponse, type AdvisorService } from './ai-advisor.service.js'

const security = [{ bearer: [] }]
const tags = ['ai-advisor']

const CHAT_DESCRIPTION =
  'Understands ages ("7-year-old", "6 and 9", or `child_ids`), city and area (aliases; the profile city by default), interests ' +
  '(synonyms, misspellings, Hindi words), days and times, budget, type and distance; recommends only listings the public search ' +
  'returns that fit every hard constraint, each with its next fitting session and why it fits. When nothing fits, `relaxation` ' +
  'names the one constraint eased and what fits then. With an LLM configured the model searches through tools; an answer it ' +
  'gives that names anything the catalog did not return is discarded for the offline one. AI_ADVISOR_DAILY_QUESTIONS per ' +
  'India day: 429 ADVISOR_DAILY_LIMIT with Retry-After. Another parent’s conversation or child is 404.'

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** The reply in pieces for the `reply` events: line by line, keeping the line breaks. */
function replyPieces(reply: string): string[] {
  return reply.split(/(?<=\n)/)
}

export const aiAdvisorRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; advisor: AdvisorService }> = async (app, { guard, advisor }) => {
  const parentsOnly = guard.requireRole('customer')

  app.post(
    '/ai-advisor/chat',
    {
      onRequest: parentsOnly,
      schema: {
        tags,
        summary: 'Ask the AI advisor',
        description: `${CHAT_DESCRIPTION} ${ChatEventStream.description}`,
        security,
        body: ChatBody,
        produces: ['application/json', 'text/event-stream'],
        response: { 200: ChatEventStream, ...errorResponses(401, 403, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const prepared = await advisor.prepareChat(actorOf(request).id, request.body)
      if (!(request.headers.accept ?? '').includes('text/event-stream')) return advisor.answerChat(prepared)
      // from here nothing about the request can fail: stream what is known as soon as it is known
      const stream = new PassThrough()
      stream.write(sse('understanding', toUnderstandingResponse(prepared.query)))
      void advisor
        .answerChat(prepared)
        .then((answer) => {
          stream.write(sse('recommendations', { recommendations: answer.recommendations, relaxation: answer.relaxation }))
          for (const piece of replyPieces(answer.reply)) stream.write(sse('reply', { text: piece }))
          stream.end(sse('done', { conversation_id: answer.conversation_id, message_id: answer.message_id, engine: answer.engine, usage: answer.usage }))
        })
        .catch((err: unknown) => {
          request.log.error({ err }, 'ai advisor: streamed answer failed')
          stream.end(sse('error', { detail: 'The advisor could not answer; please try again', code: 'ADVISOR_FAILED' }))
        })
      return reply.type('text/event-stream').header('cache-control', 'no-cache').header('x-accel-buffering', 'no').send(stream)
    },
  )

  app.get(
    '/ai-advisor/conversations',
    {
      onRequest: parentsOnly,
      schema: {
        tags,
        summary: 'My conversations with the advisor',
        description: 'Most recently active first.',
        security,
        querystring: PageQuery,
        response: { 200: Page(ConversationSummary), ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => advisor.listConversations(actorOf(request).id, request.query),
  )

  app.get(
    '/ai-advisor/conversations/:id',
    {
      onRequest: parentsOnly,
      schema: {
        tags,
        summary: 'One of my conversations, with its messages',
        description: 'Messages oldest first; each answer with the recommendations it made. Another parent’s conversation is 404.',
        security,
        params: IdParams,
        response: { 200: ConversationResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => advisor.getConversation(actorOf(request).id, request.params.id),
  )

  app.delete(
    '/ai-advisor/conversations/:id',
    {
      onRequest: parentsOnly,
      schema: {
        tags,
        summary: 'Delete one of my conversations',
        description: 'With all its messages. Another parent’s conversation is 404.',
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await advisor.deleteConversation(actorOf(request).id, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
