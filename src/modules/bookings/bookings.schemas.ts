// Request and answer shapes of bookings, for parents and for partners.
import Type, { type Static } from 'typebox'
import { ATTENDANCE_MARKS, BOOKING_SESSION_STATUSES, BOOKING_STATUSES, PAYMENT_METHODS, REFUND_STATUSES } from '../../db/schema/bookings.js'
import { IsoDateTime, Paise, PageQuery, Uuid } from '../../shared/schemas.js'
import { PaymentStart } from '../payments/index.js'
import { PLAN_KINDS } from '../scheduling/index.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', examples: ['Travelling that weekend'] })

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'A new random value (a UUID) per booking attempt; a retry sends the same one and gets the first answer back',
    examples: ['0d1f6c3e-97a4-4f7b-b0a2-5c1e2d3f4a5b'],
  }),
})

export const CreateBookingBody = Type.Object(
  {
    listing_id: Uuid,
    plan_option_id: Uuid,
    session_id: Type.Optional(Uuid),
    batch_id: Type.Optional(Uuid),
    child_ids: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true, description: 'One seat per child' }),
    payment_method: Type.Optional(
      Type.Enum(['razorpay', 'credits'], {
        description:
          'razorpay (default): money, per PAYMENTS_MODE (mock confirms at once); credits: the plan option’s credits price × seats from the ' +
          'wallet, the credits expiring first spent first, confirmed at once (409 INSUFFICIENT_CREDITS and no seat held when short)',
      }),
    ),
  },
  {
    description:
      'single, trial and pack take session_id (a pack books its first session now, the others later); monthly takes batch_id ' +
      '(or a session_id of the batch to start from) and books the batch’s sessions of the next 30 days. The price comes from the plan option.',
    examples: [{ listing_id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', plan_option_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d', session_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', child_ids: ['8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968'] }],
  },
)
export type CreateBookingBody = Static<typeof CreateBookingBody>

export const BookingSessionView = Type.Object({
  session_id: Uuid,
  starts_at: IsoDateTime,
  ends_at: IsoDateTime,
  status: Type.Enum([...BOOKING_SESSION_STATUSES]),
  attendance: Nullable(Type.Enum([...ATTENDANCE_MARKS])),
})
export type BookingSessionView = Static<typeof BookingSessionView>

export const BOOKING_EXAMPLE = {
        id: '3c2b1a09-8f7e-4d6c-b5a4-938271605f4e', user_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', listing_id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
        listing_title: 'Junior Football', plan_option_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d', plan_kind: 'single', batch_id: null, status: 'confirmed',
        child_ids: ['8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968'], seats: 1, amount: 99900, payment_method: 'mock', credits_amount: 0, credits_refunded: 0, hold_expires_at: null,
        confirmed_at: '2026-12-01T10:00:00.000Z', sessions_remaining: 0, valid_until: null, reschedule_count: 0, cancellation_reason: null,
        cancelled_at: null, refund_amount: 0, refund_status: null,
        sessions: [{ session_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:30:00.000Z', status: 'booked', attendance: null }],
        created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z',
      }

export const BookingResponse = Type.Object(
  {
    id: Uuid,
    user_id: Uuid,
    listing_id: Uuid,
    listing_title: Type.String(),
    plan_option_id: Nullable(Uuid),
    plan_kind: Nullable(Type.Enum([...PLAN_KINDS])),
    batch_id: Nullable(Uuid),
    status: Type.Enum([...BOOKING_STATUSES]),
    child_ids: Type.Array(Uuid),
    seats: Type.Integer({ minimum: 1 }),
    amount: Paise,
    payment_method: Type.Enum([...PAYMENT_METHODS]),
    credits_amount: Type.Integer({ minimum: 0, description: 'Credits spent (payment_method credits); amount keeps the money value' }),
    credits_refunded: Type.Integer({ minimum: 0, description: 'Credits given back to the wallet so far: the refund of a booking paid with credits' }),
    hold_expires_at: Nullable(IsoDateTime),
    confirmed_at: Nullable(IsoDateTime),
    sessions_remaining: Type.Integer({ minimum: 0, description: 'Pack sessions still to book' }),
    valid_until: Nullable(IsoDateTime),
    reschedule_count: Type.Integer({ minimum: 0 }),
    cancellation_reason: Nullable(Type.String()),
    cancelled_at: Nullable(IsoDateTime),
    refund_amount: Type.Integer({
      minimum: 0,
      description: 'Money (paise) refunded to the payment that paid the booking; always 0 for payment_method credits, whose refund is credits_refunded',
      examples: [0],
    }),
    refund_status: Nullable(Type.Enum([...REFUND_STATUSES], { description: 'The state of the refund in its own unit: money (refund_amount) or credits (credits_refunded, processed at once)' })),
    sessions: Type.Array(BookingSessionView),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
  },
  {
    examples: [BOOKING_EXAMPLE],
  },
)
export type BookingResponse = Static<typeof BookingResponse>

export const CreateBookingResponse = Type.Object(
  {
    booking: BookingResponse,
    payment: Nullable(PaymentStart),
  },
  { description: 'payment is null when PAYMENTS_MODE=mock (the booking is confirmed at once)', examples: [{ booking: BOOKING_EXAMPLE, payment: null }] },
)
export type CreateBookingResponse = Static<typeof CreateBookingResponse>


export const MyBookingsQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Enum(['upcoming', 'past', 'cancelled'], { description: 'upcoming: a seat still to come; past: done; cancelled: cancelled or expired' })),
})
export type MyBookingsQuery = Static<typeof MyBookingsQuery>

export const CancelBookingBody = Type.Object({ reason: Type.Optional(Reason) })
export type CancelBookingBody = Static<typeof CancelBookingBody>

export const RescheduleBookingBody = Type.Object({
  session_id: Uuid,
  from_session_id: Type.Optional(Type.String({ format: 'uuid', description: 'Which of the booking’s sessions to move; needed only when it holds several upcoming ones' })),
})
export type RescheduleBookingBody = Static<typeof RescheduleBookingBody>

export const AddBookingSessionBody = Type.Object({ session_id: Uuid })
export type AddBookingSessionBody = Static<typeof AddBookingSessionBody>

export const AvailableSession = Type.Object({
  id: Uuid,
  starts_at: IsoDateTime,
  ends_at: IsoDateTime,
  batch_id: Nullable(Uuid),
  seats_left: Type.Integer({ minimum: 0 }),
})

export const AvailableSessionsResponse = Type.Object(
  {
    items: Type.Array(AvailableSession),
    reschedulable: Type.Boolean(),
    reason: Nullable(Type.String({ description: 'Why the booking cannot be moved now, when it cannot' })),
    reschedules_left: Type.Integer({ minimum: 0 }),
  },
  { examples: [{ items: [{ id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', starts_at: '2026-12-12T04:30:00.000Z', ends_at: '2026-12-12T05:30:00.000Z', batch_id: null, seats_left: 4 }], reschedulable: true, reason: null, reschedules_left: 2 }] },
)
export type AvailableSessionsResponse = Static<typeof AvailableSessionsResponse>

export const UnableToAttendBody = Type.Object({ session_id: Uuid, reason: Reason })
export type UnableToAttendBody = Static<typeof UnableToAttendBody>

export const UnableToAttendResponse = Type.Object(
  {
    id: Uuid,
    booking_id: Uuid,
    session_id: Uuid,
    reason: Type.String(),
    outcome: Type.Enum(['credited', 'refunded', 'recorded'], {
      description: 'credited: the session went back to the pack or plan; refunded: the booking was cancelled with a refund by policy; recorded: too late to free the seat',
    }),
    refund_amount: Type.Integer({ minimum: 0, description: 'Money (paise) refunded by this report; 0 for a booking paid with credits (see booking.credits_refunded)' }),
    created_at: IsoDateTime,
    booking: BookingResponse,
  },
  { examples: [{ id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60', booking_id: BOOKING_EXAMPLE.id, session_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', reason: 'Fever', outcome: 'credited', refund_amount: 0, created_at: '2026-12-02T10:00:00.000Z', booking: BOOKING_EXAMPLE }] },
)
export type UnableToAttendResponse = Static<typeof UnableToAttendResponse>

// ---- partner side ----

export const PartnerBookingsQuery = Type.Object({
  ...PageQuery.properties,
  listing_id: Type.Optional(Uuid),
  session_id: Type.Optional(Uuid),
  from: Type.Optional(Type.String({ format: 'date', description: 'Sessions starting on or after this date (India time)', examples: ['2026-12-01'] })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Sessions starting on or before this date (India time)', examples: ['2026-12-31'] })),
  status: Type.Optional(Type.Enum([...BOOKING_STATUSES])),
})
export type PartnerBookingsQuery = Static<typeof PartnerBookingsQuery>

export const PartnerBookingChild = Type.Object({ id: Uuid, first_name: Type.String(), age: Type.Integer({ minimum: 0 }) })

export const PartnerBookingResponse = Type.Object(
  {
    id: Uuid,
    listing_id: Uuid,
    listing_title: Type.String(),
    plan_kind: Nullable(Type.Enum([...PLAN_KINDS])),
    status: Type.Enum([...BOOKING_STATUSES]),
    seats: Type.Integer({ minimum: 1 }),
    amount: Paise,
    children: Type.Array(PartnerBookingChild),
    sessions: Type.Array(BookingSessionView),
    created_at: IsoDateTime,
  },
  {
    description: 'What a partner sees of a booking: the children’s first names and ages, never the parent’s contact or payment details',
    examples: [
      {
        id: '3c2b1a09-8f7e-4d6c-b5a4-938271605f4e', listing_id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', listing_title: 'Junior Football', plan_kind: 'single',
        status: 'confirmed', seats: 1, amount: 99900, children: [{ id: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968', first_name: 'Aarav', age: 7 }],
        sessions: [{ session_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:30:00.000Z', status: 'attended', attendance: 'present' }],
        created_at: '2026-12-01T10:00:00.000Z',
      },
    ],
  },
)
export type PartnerBookingResponse = Static<typeof PartnerBookingResponse>

export const MarkAttendanceBody = Type.Object({ session_id: Uuid, status: Type.Enum([...ATTENDANCE_MARKS]) })
export type MarkAttendanceBody = Static<typeof MarkAttendanceBody>
