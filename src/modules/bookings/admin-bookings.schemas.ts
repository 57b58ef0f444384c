// Request and answer shapes of the admins' bookings routes: the filtered list, one booking in full, the admin cancel, the CSV.
import Type, { type Static } from 'typebox'
import { BOOKING_EVENT_ACTORS, BOOKING_EVENT_TYPES, BOOKING_STATUSES, PAYMENT_METHODS, REFUND_STATUSES } from '../../db/schema/bookings.js'
import { IsoDateTime, Paise, Page, PageQuery, Uuid } from '../../shared/schemas.js'
import type { Readable } from 'node:stream'
import { BOOKING_EXAMPLE, BookingResponse } from './bookings.schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** The filters the list and the CSV share. `from`/`to` are India days of `date_field`. */
export const AdminBookingsFilter = Type.Object({
  status: Type.Optional(Type.Enum([...BOOKING_STATUSES])),
  payment_method: Type.Optional(Type.Enum([...PAYMENT_METHODS])),
  partner_id: Type.Optional(Uuid),
  listing_id: Type.Optional(Uuid),
  user_id: Type.Optional(Type.String({ format: 'uuid', description: 'The customer who booked' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the customer’s name, phone or email (case-insensitive)', examples: ['Sharma'] })),
  city: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The listing’s city (case-insensitive, exact)', examples: ['Gurgaon'] })),
  date_field: Type.Optional(
    Type.Enum(['created', 'session'], { default: 'created', description: 'What from/to bound: the booking’s creation (default), or any of its sessions’ start' }),
  ),
  from: Type.Optional(Type.String({ format: 'date', description: 'On or after this day (India time, Asia/Kolkata)', examples: ['2026-12-01'] })),
  to: Type.Optional(Type.String({ format: 'date', description: 'On or before this day (India time, Asia/Kolkata)', examples: ['2026-12-31'] })),
})
export type AdminBookingsFilter = Static<typeof AdminBookingsFilter>

export const ADMIN_BOOKING_SORTS = ['newest', 'oldest', 'amount', 'session_date'] as const

export const ListAdminBookingsQuery = Type.Object({
  ...PageQuery.properties,
  ...AdminBookingsFilter.properties,
  sort: Type.Optional(
    Type.Enum([...ADMIN_BOOKING_SORTS], {
      default: 'newest',
      description: 'newest / oldest: by creation; amount: largest first; session_date: the first session booked, soonest first (none last)',
    }),
  ),
})
export type ListAdminBookingsQuery = Static<typeof ListAdminBookingsQuery>

export const ExportAdminBookingsQuery = Type.Object({
  ...AdminBookingsFilter.properties,
  from: Type.String({ format: 'date', description: 'Required: the first India day (of date_field) in the file', examples: ['2026-12-01'] }),
  to: Type.String({ format: 'date', description: 'Required: the last India day; the range is at most 366 days, from and to included', examples: ['2026-12-31'] }),
})
export type ExportAdminBookingsQuery = Static<typeof ExportAdminBookingsQuery>

const Customer = Type.Object({ id: Uuid, name: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()) })
const ListingRef = Type.Object({ id: Uuid, title: Type.String(), city: Nullable(Type.String()) })
const PartnerRef = Type.Object({ id: Uuid, business_name: Type.String() })

const ITEM_EXAMPLE = {
  id: '3c2b1a09-8f7e-4d6c-b5a4-938271605f4e', status: 'cancelled', payment_method: 'razorpay', seats: 1, amount: 99900, refund_amount: 49950,
  refund_status: 'processed', credits_amount: 0, credits_refunded: 0,
  customer: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Priya Sharma', phone: '+919812345678', email: 'priya@example.com' },
  listing: { id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', title: 'Junior Football', city: 'Gurgaon' },
  partner: { id: '0f1e2d3c-4b5a-4968-8776-655443322110', business_name: 'Kick Start Academy' },
  first_session_at: '2026-12-05T04:30:00.000Z', cancelled_at: '2026-12-02T09:00:00.000Z', cancelled_by: 'admin', created_at: '2026-12-01T10:00:00.000Z',
}

export const AdminBookingItem = Type.Object(
  {
    id: Uuid,
    status: Type.Enum([...BOOKING_STATUSES]),
    payment_method: Type.Enum([...PAYMENT_METHODS]),
    seats: Type.Integer({ minimum: 1 }),
    amount: Paise,
    refund_amount: Paise,
    refund_status: Nullable(Type.Enum([...REFUND_STATUSES])),
    credits_amount: Type.Integer({ minimum: 0 }),
    credits_refunded: Type.Integer({ minimum: 0 }),
    customer: Customer,
    listing: ListingRef,
    partner: Nullable(PartnerRef),
    first_session_at: Nullable(IsoDateTime),
    cancelled_at: Nullable(IsoDateTime),
    cancelled_by: Nullable(Type.Enum(['customer', 'partner', 'system', 'admin'])),
    created_at: IsoDateTime,
  },
  { examples: [ITEM_EXAMPLE] },
)
export type AdminBookingItem = Static<typeof AdminBookingItem>

export const AdminBookingPage = Page(AdminBookingItem)

const PaymentRefundView = Type.Object({
  refund_id: Type.String(),
  amount: Paise,
  status: Type.Enum(['pending', 'processed', 'failed']),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
})

const PaymentView = Type.Object({
  id: Uuid,
  razorpay_order_id: Type.String(),
  razorpay_payment_id: Nullable(Type.String()),
  status: Type.Enum(['created', 'failed', 'captured', 'refunded']),
  amount: Paise,
  captured_amount: Paise,
  refunded_amount: Paise,
  currency: Type.String(),
  refunds: Type.Array(PaymentRefundView),
  created_at: IsoDateTime,
})

const BookingEventView = Type.Object({
  event: Type.Enum([...BOOKING_EVENT_TYPES]),
  from_status: Nullable(Type.Enum([...BOOKING_STATUSES])),
  to_status: Type.Enum([...BOOKING_STATUSES]),
  actor: Type.Enum([...BOOKING_EVENT_ACTORS]),
  actor_id: Nullable(Uuid),
  amount: Nullable(Type.Integer({ minimum: 0, description: 'Paise refunded by a refund event' })),
  refund_status: Nullable(Type.Enum([...REFUND_STATUSES])),
  occurred_at: IsoDateTime,
})

export const AdminBookingResponse = Type.Object(
  {
    booking: BookingResponse,
    customer: Customer,
    children: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
    listing: ListingRef,
    partner: Nullable(PartnerRef),
    cancelled_by: Nullable(Type.Enum(['customer', 'partner', 'system', 'admin'])),
    credits_refund_value: Type.Integer({ minimum: 0, description: 'Money value (paise) of the credits given back' }),
    payment_ref: Nullable(Type.String()),
    refund_ref: Nullable(Type.String()),
    payments: Type.Array(PaymentView, { description: 'Razorpay checkouts of this booking (payment_intents) with their refunds (payment_refunds)' }),
    invoice: Nullable(Type.Object({ id: Uuid, invoice_number: Type.String(), total: Paise, issued_at: IsoDateTime })),
    history: Type.Array(BookingEventView, { description: 'Oldest first: creation, each status change, reschedules, refunds' }),
  },
  {
    examples: [
      {
        booking: BOOKING_EXAMPLE,
        customer: ITEM_EXAMPLE.customer, children: [{ id: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968', name: 'Aarav Sharma' }],
        listing: ITEM_EXAMPLE.listing, partner: ITEM_EXAMPLE.partner, cancelled_by: null, credits_refund_value: 0, payment_ref: null, refund_ref: null,
        payments: [], invoice: { id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', invoice_number: 'KSA/26-27/000042', total: 99900, issued_at: '2026-12-01T10:00:00.000Z' },
        history: [{ event: 'created', from_status: null, to_status: 'confirmed', actor: 'customer', actor_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', amount: null, refund_status: null, occurred_at: '2026-12-01T10:00:00.000Z' }],
      },
    ],
  },
)
export type AdminBookingResponse = Static<typeof AdminBookingResponse>

export const AdminCancelBookingBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', examples: ['Venue closed for repairs'] }),
  refund_amount: Type.Integer({
    minimum: 0,
    maximum: 100_000_000,
    description: 'Paise to give back, from 0 to what is still refundable of what was paid (more is 422 REFUND_EXCEEDS_PAID)',
    examples: [49950],
  }),
})
export type AdminCancelBookingBody = Static<typeof AdminCancelBookingBody>

export const BookingsCsvResponse = {
  description: 'UTF-8 CSV with a byte-order mark, one row per booking (columns in README.md); streamed',
  content: { 'text/csv': { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary', examples: ['booking_id,created_at_ist,status,…'] }) } },
}
