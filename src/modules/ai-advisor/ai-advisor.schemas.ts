// Request and response schemas of the AI advisor. Response schemas are whitelists: a field not listed is never sent.
import type { Readable } from 'node:stream'
import Type, { type Static } from 'typebox'
import { ListingCard, SessionResponse } from '../catalog/index.js'
import { IsoDateTime, Uuid } from '../../shared/schemas.js'
import { ENGINES } from './engine-types.js'
import { RELAXATION_KINDS } from './recommend.js'
import { LISTING_KINDS } from './understanding.js'

export const ChatBody = Type.Object({
  message: Type.String({ minLength: 1, maxLength: 1000, description: 'The question, in plain words (English, Hinglish…)', examples: ['weekend swimming for my 7-year-old near Indiranagar under ₹2,000'] }),
  conversation_id: Type.Optional(Type.String({ format: 'uuid', description: 'Continue this conversation of yours; omit to start one' })),
  child_ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10, uniqueItems: true, description: 'Your children this is for: their ages are used' })),
})
export type ChatBody = Static<typeof ChatBody>

const sessionExample = (SessionResponse as { examples?: unknown[] }).examples?.[0]
const cardExample = (ListingCard as { examples?: unknown[] }).examples?.[0]

export const RecommendationResponse = Type.Object({
  listing: ListingCard,
  next_session: Type.Union([SessionResponse, Type.Null()], { description: 'The next session that fits the days and times asked, with seats for every child' }),
  why: Type.Array(Type.String(), { description: 'Why it fits, one short phrase each' }),
})

const Hhmm = Type.String({ pattern: '^\\d{2}:\\d{2}$', examples: ['15:00'] })

export const UnderstandingResponse = Type.Object({
  ages: Type.Array(Type.Integer({ minimum: 0, maximum: 18 })),
  city: Type.Union([Type.String(), Type.Null()]),
  city_source: Type.Union([Type.Enum(['message', 'area', 'profile', 'conversation']), Type.Null()]),
  area: Type.Union([Type.String(), Type.Null()]),
  radius_km: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  categories: Type.Array(Type.String(), { description: 'Category slugs' }),
  weekdays: Type.Union([Type.Array(Type.Integer({ minimum: 1, maximum: 7 })), Type.Null()], { description: 'ISO weekdays, 1 = Monday' }),
  time_window: Type.Union([Type.Object({ from: Hhmm, to: Hhmm, label: Type.String() }), Type.Null()], { description: 'India time' }),
  max_price: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Paise' }),
  type: Type.Union([Type.Enum([...LISTING_KINDS]), Type.Null()]),
  trial_only: Type.Boolean(),
})
export type UnderstandingResponse = Static<typeof UnderstandingResponse>

export const RelaxationResponse = Type.Object({
  kind: Type.Enum([...RELAXATION_KINDS], { description: 'The one constraint eased' }),
  description: Type.String(),
  recommendations: Type.Array(RecommendationResponse),
})

const Usage = Type.Object({ prompt_tokens: Type.Integer({ minimum: 0 }), completion_tokens: Type.Integer({ minimum: 0 }) })

const understandingExample = {
  ages: [7], city: 'Bengaluru', city_source: 'area', area: 'Indiranagar', radius_km: 8, categories: ['swimming'], weekdays: [6, 7],
  time_window: null, max_price: 200000, type: null, trial_only: false,
}
const recommendationExample = { listing: cardExample, next_session: sessionExample, why: ['Swimming, as you asked', 'For ages 5–10: fits age 7'] }

export const ChatResponse = Type.Object(
  {
    conversation_id: Uuid,
    message_id: Uuid,
    reply: Type.String({ description: 'A short answer that names only what the catalog returned' }),
    recommendations: Type.Array(RecommendationResponse, { description: 'Listings that fit every hard constraint, best first' }),
    relaxation: Type.Union([RelaxationResponse, Type.Null()], { description: 'When nothing fits: the nearest relaxation and what fits with it' }),
    understanding: UnderstandingResponse,
    engine: Type.Enum([...ENGINES]),
    usage: Usage,
  },
  {
    examples: [{
      conversation_id: '3f0e8a52-6d1b-4c8e-9a7f-2b3c4d5e6f70', message_id: '8c7b6a59-4e3d-4c2b-9a18-0f1e2d3c4b5a',
      reply: 'Here is 1 option for swimming activities for age 7 in Bengaluru…', recommendations: [recommendationExample], relaxation: null,
      understanding: understandingExample, engine: 'offline', usage: { prompt_tokens: 0, completion_tokens: 0 },
    }],
  },
)
export type ChatResponse = Static<typeof ChatResponse>

export const ChatEventStream = {
  description:
    'With `Accept: text/event-stream`: server-sent events `understanding`, `recommendations` ({recommendations, relaxation}), ' +
    '`reply` (pieces of the checked reply, in order) and `done` ({conversation_id, message_id, engine, usage}); each `data` is JSON.',
  content: {
    'application/json': { schema: ChatResponse },
    'text/event-stream': { schema: Type.Unsafe<Readable>({ type: 'string', examples: ['event: understanding\ndata: {"ages":[7]}\n\n'] }) },
  },
}

export const ConversationSummary = Type.Object(
  { id: Uuid, title: Type.String(), message_count: Type.Integer({ minimum: 0 }), created_at: IsoDateTime, updated_at: IsoDateTime },
  { examples: [{ id: '3f0e8a52-6d1b-4c8e-9a7f-2b3c4d5e6f70', title: 'weekend swimming for my 7-year-old', message_count: 2, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:05.000Z' }] },
)

export const MessageResponse = Type.Object({
  id: Uuid,
  role: Type.Enum(['user', 'assistant']),
  content: Type.String(),
  recommendations: Type.Array(RecommendationResponse),
  relaxation: Type.Union([RelaxationResponse, Type.Null()]),
  engine: Type.Union([Type.Enum([...ENGINES]), Type.Null()]),
  prompt_tokens: Type.Integer({ minimum: 0 }),
  completion_tokens: Type.Integer({ minimum: 0 }),
  created_at: IsoDateTime,
})
export type MessageResponse = Static<typeof MessageResponse>

export const ConversationResponse = Type.Object(
  { id: Uuid, title: Type.String(), created_at: IsoDateTime, updated_at: IsoDateTime, messages: Type.Array(MessageResponse) },
  {
    examples: [{
      id: '3f0e8a52-6d1b-4c8e-9a7f-2b3c4d5e6f70', title: 'weekend swimming for my 7-year-old', created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:05.000Z',
      messages: [{ id: '8c7b6a59-4e3d-4c2b-9a18-0f1e2d3c4b5a', role: 'user', content: 'weekend swimming for my 7-year-old', recommendations: [], relaxation: null, engine: null, prompt_tokens: 0, completion_tokens: 0, created_at: '2026-12-01T10:00:00.000Z' }],
    }],
  },
)
