// Request and answer shapes of plan options, batches and sessions. Answers are whitelists.
import Type, { type Static } from 'typebox'
import { PLAN_KINDS } from '../../db/schema/scheduling.js'
import { IsoDate, IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Price = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Amount in paise (₹1 = 100)', examples: [349900] })
const Credits = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Price in credits; null: not bookable with credits', examples: [30] })
const Capacity = Type.Integer({ minimum: 1, maximum: 10_000, examples: [12] })
const Duration = Type.Integer({ minimum: 5, maximum: 1440, examples: [60] })

export const ListingParams = Type.Object({ id: Uuid })
export const PlanOptionParams = Type.Object({ id: Uuid, option_id: Uuid })
export type PlanOptionParams = Static<typeof PlanOptionParams>
export const BatchParams = Type.Object({ id: Uuid, batch_id: Uuid })
export type BatchParams = Static<typeof BatchParams>
export const SessionParams = Type.Object({ session_id: Uuid })
export type SessionParams = Static<typeof SessionParams>

// ---- plan options ----

const PlanKind = Type.Enum([...PLAN_KINDS], {
  description:
    'single: one session; trial: one session, once per child per listing (one active trial option per listing); ' +
    'pack: sessions_count (≥ 2) sessions within validity_days; monthly: a batch’s sessions in a calendar month',
  examples: ['pack'],
})

const planOptionFields = {
  kind: PlanKind,
  name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', examples: ['8 classes in 45 days'] }),
  price: Price,
  credits_price: Nullable(Credits),
  sessions_count: Type.Integer({ minimum: 1, maximum: 200, description: 'pack: 2 or more; every other kind: 1', examples: [8] }),
  validity_days: Nullable(Type.Integer({ minimum: 1, maximum: 730, description: 'pack only: days to use its sessions in', examples: [45] })),
  sort_order: Type.Integer({ minimum: 0, maximum: 1000, examples: [0] }),
}

export const CreatePlanOptionBody = Type.Object(
  {
    kind: planOptionFields.kind,
    name: planOptionFields.name,
    price: planOptionFields.price,
    credits_price: Type.Optional(planOptionFields.credits_price),
    sessions_count: Type.Optional(planOptionFields.sessions_count),
    validity_days: Type.Optional(planOptionFields.validity_days),
    sort_order: Type.Optional(planOptionFields.sort_order),
  },
  {
    additionalProperties: false,
    examples: [{ kind: 'pack', name: '8 classes in 45 days', price: 349900, credits_price: 30, sessions_count: 8, validity_days: 45 }],
  },
)
export type CreatePlanOptionBody = Static<typeof CreatePlanOptionBody>

export const UpdatePlanOptionBody = Type.Object(
  {
    kind: Type.Optional(planOptionFields.kind),
    name: Type.Optional(planOptionFields.name),
    price: Type.Optional(planOptionFields.price),
    credits_price: Type.Optional(planOptionFields.credits_price),
    sessions_count: Type.Optional(planOptionFields.sessions_count),
    validity_days: Type.Optional(planOptionFields.validity_days),
    sort_order: Type.Optional(planOptionFields.sort_order),
    active: Type.Optional(Type.Boolean({ description: 'true brings back a deactivated option' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ price: 329900 }] },
)
export type UpdatePlanOptionBody = Static<typeof UpdatePlanOptionBody>

const planOptionExample = {
  id: '2f1d7c3e-8a4b-4e2f-9c1d-5b6a7e8f9a0b',
  listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  kind: 'pack',
  name: '8 classes in 45 days',
  price: 349900,
  credits_price: 30,
  sessions_count: 8,
  validity_days: 45,
  sort_order: 0,
  active: true,
}

export const PlanOptionResponse = Type.Object(
  {
    id: Uuid,
    listing_id: Uuid,
    kind: PlanKind,
    name: Type.String(),
    price: Price,
    credits_price: Nullable(Credits),
    sessions_count: Type.Integer({ minimum: 1 }),
    validity_days: Nullable(Type.Integer({ minimum: 1 })),
    sort_order: Type.Integer(),
    active: Type.Boolean(),
  },
  { examples: [planOptionExample] },
)
export type PlanOptionResponse = Static<typeof PlanOptionResponse>

export const PublicPlanOptionResponse = Type.Object(
  {
    id: Uuid,
    kind: PlanKind,
    name: Type.String(),
    price: Price,
    credits_price: Nullable(Credits),
    sessions_count: Type.Integer({ minimum: 1 }),
    validity_days: Nullable(Type.Integer({ minimum: 1 })),
  },
  { examples: [{ id: planOptionExample.id, kind: 'pack', name: '8 classes in 45 days', price: 349900, credits_price: 30, sessions_count: 8, validity_days: 45 }] },
)
export type PublicPlanOptionResponse = Static<typeof PublicPlanOptionResponse>

export const PlanOptionPage = Page(PlanOptionResponse)

export const ListPlanOptionsQuery = PageQuery

// ---- batches ----

const batchFields = {
  name: Type.String({ maxLength: 80, examples: ['Weekend mornings'] }),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
    minItems: 1,
    maxItems: 7,
    uniqueItems: true,
    description: 'ISO weekdays: 1 = Monday … 7 = Sunday, in the listing’s time zone',
    examples: [[6, 7]],
  }),
  start_time: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time HH:MM (24 h)', examples: ['10:00'] }),
  duration_minutes: Duration,
  start_date: IsoDate,
  end_date: Nullable(IsoDate),
  capacity: Capacity,
  instructor_name: Nullable(Type.String({ maxLength: 120, examples: ['Priya Nair'] })),
}

export const CreateBatchBody = Type.Object(
  {
    name: Type.Optional(batchFields.name),
    weekdays: batchFields.weekdays,
    start_time: batchFields.start_time,
    duration_minutes: batchFields.duration_minutes,
    start_date: batchFields.start_date,
    end_date: Type.Optional(batchFields.end_date),
    capacity: batchFields.capacity,
    instructor_name: Type.Optional(batchFields.instructor_name),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'Weekend mornings', weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-12-05', capacity: 12, instructor_name: 'Priya Nair' }],
  },
)
export type CreateBatchBody = Static<typeof CreateBatchBody>

export const UpdateBatchBody = Type.Object(
  {
    name: Type.Optional(batchFields.name),
    weekdays: Type.Optional(batchFields.weekdays),
    start_time: Type.Optional(batchFields.start_time),
    duration_minutes: Type.Optional(batchFields.duration_minutes),
    start_date: Type.Optional(batchFields.start_date),
    end_date: Type.Optional(batchFields.end_date),
    capacity: Type.Optional(batchFields.capacity),
    instructor_name: Type.Optional(batchFields.instructor_name),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ weekdays: [6], start_time: '09:30', capacity: 10 }] },
)
export type UpdateBatchBody = Static<typeof UpdateBatchBody>

const batchExample = {
  id: '7a3e1c2d-4b5f-4e6a-8c9d-0e1f2a3b4c5d',
  listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  name: 'Weekend mornings',
  weekdays: [6, 7],
  start_time: '10:00',
  duration_minutes: 60,
  start_date: '2026-12-05',
  end_date: null,
  capacity: 12,
  instructor_name: 'Priya Nair',
}

export const BatchResponse = Type.Object(
  {
    id: Uuid,
    listing_id: Uuid,
    name: Type.String(),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
    start_time: Type.String({ examples: ['10:00'] }),
    duration_minutes: Type.Integer(),
    start_date: IsoDate,
    end_date: Nullable(IsoDate),
    capacity: Type.Integer(),
    instructor_name: Nullable(Type.String()),
    active: Type.Boolean({ description: 'false: deleted, kept only for its booked sessions' }),
    upcoming_sessions: Type.Integer({ minimum: 0, description: 'Scheduled sessions from now on' }),
  },
  { examples: [{ ...batchExample, active: true, upcoming_sessions: 16 }] },
)
export type BatchResponse = Static<typeof BatchResponse>
export const BatchPage = Page(BatchResponse)

const NextSession = Type.Object(
  { id: Uuid, starts_at: IsoDateTime, ends_at: IsoDateTime, seats_left: Type.Integer({ minimum: 0 }) },
  { description: 'The next scheduled session that has not started; null when none is scheduled' },
)

export const PublicBatchResponse = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
    start_time: Type.String({ examples: ['10:00'] }),
    duration_minutes: Type.Integer(),
    start_date: IsoDate,
    end_date: Nullable(IsoDate),
    capacity: Type.Integer(),
    instructor_name: Nullable(Type.String()),
    timezone: Type.String({ description: 'IANA zone the weekdays and start time are in', examples: ['Asia/Kolkata'] }),
    next_session: Nullable(NextSession),
  },
  {
    examples: [
      {
        id: batchExample.id,
        name: batchExample.name,
        weekdays: batchExample.weekdays,
        start_time: batchExample.start_time,
        duration_minutes: batchExample.duration_minutes,
        start_date: batchExample.start_date,
        end_date: null,
        capacity: batchExample.capacity,
        instructor_name: batchExample.instructor_name,
        timezone: 'Asia/Kolkata',
        next_session: { id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:30:00.000Z', seats_left: 4 },
      },
    ],
  },
)
export type PublicBatchResponse = Static<typeof PublicBatchResponse>

// ---- sessions ----

export const CreateSessionBody = Type.Object(
  {
    starts_at: IsoDateTime,
    ends_at: Type.Optional(IsoDateTime),
    duration_minutes: Type.Optional(Duration),
    capacity: Capacity,
  },
  {
    additionalProperties: false,
    description: 'A one-off session (camp day, event): send ends_at or duration_minutes, not both.',
    examples: [{ starts_at: '2026-12-20T04:30:00.000Z', duration_minutes: 180, capacity: 20 }],
  },
)
export type CreateSessionBody = Static<typeof CreateSessionBody>

export const UpdateSessionBody = Type.Object(
  {
    starts_at: Type.Optional(IsoDateTime),
    ends_at: Type.Optional(IsoDateTime),
    duration_minutes: Type.Optional(Duration),
    capacity: Type.Optional(Capacity),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ capacity: 15 }] },
)
export type UpdateSessionBody = Static<typeof UpdateSessionBody>

export const SessionResponse = Type.Object(
  {
    id: Uuid,
    listing_id: Uuid,
    batch_id: Nullable(Uuid),
    starts_at: IsoDateTime,
    ends_at: IsoDateTime,
    capacity: Type.Integer(),
    seats_taken: Type.Integer({ minimum: 0 }),
    seats_left: Type.Integer({ minimum: 0 }),
    status: Type.Enum(['scheduled', 'cancelled']),
  },
  {
    examples: [
      {
        id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
        batch_id: null,
        starts_at: '2026-12-20T04:30:00.000Z',
        ends_at: '2026-12-20T07:30:00.000Z',
        capacity: 20,
        seats_taken: 3,
        seats_left: 17,
        status: 'scheduled',
      },
    ],
  },
)
export type SessionResponse = Static<typeof SessionResponse>
export const SessionPage = Page(SessionResponse)

export const ListSessionsQuery = Type.Object({
  ...PageQuery.properties,
  from: Type.Optional(IsoDateTime),
  until: Type.Optional(IsoDateTime),
  batch_id: Type.Optional(Uuid),
  status: Type.Optional(Type.Enum(['scheduled', 'cancelled'])),
})
export type ListSessionsQuery = Static<typeof ListSessionsQuery>

// ---- what a delete did ----

export const PlanOptionRemovalResponse = Type.Object(
  {
    id: Uuid,
    outcome: Type.Enum(['deleted', 'deactivated'], { description: 'deactivated: bookings refer to it, so it stays for them, hidden from parents' }),
  },
  { examples: [{ id: planOptionExample.id, outcome: 'deactivated' }] },
)

export const BatchRemovalResponse = Type.Object(
  {
    id: Uuid,
    outcome: Type.Enum(['deleted', 'deactivated'], { description: 'deactivated: sessions or bookings still refer to it; it makes no new sessions' }),
    sessions_removed: Type.Integer({ minimum: 0, description: 'Future sessions without bookings, deleted (or cancelled if a released booking names them)' }),
    sessions_kept: Type.Integer({ minimum: 0, description: 'Future sessions with seats taken: they go ahead as booked' }),
  },
  { examples: [{ id: batchExample.id, outcome: 'deactivated', sessions_removed: 14, sessions_kept: 2 }] },
)
export type BatchRemovalResponse = Static<typeof BatchRemovalResponse>

export const SessionRemovalResponse = Type.Object(
  {
    id: Uuid,
    outcome: Type.Enum(['deleted', 'cancelled'], {
      description: 'deleted: a one-off session nobody booked; cancelled: it had bookings (or came from a batch, so it is not made again)',
    }),
  },
  { examples: [{ id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', outcome: 'cancelled' }] },
)
