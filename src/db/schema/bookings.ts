// Bookings: who holds which seats of which sessions, what they paid and what came back; and the records around them.
import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { listings } from './listings.js'
import { partners } from './partners.js'
import { batches, planOptions, sessions } from './scheduling.js'
import { children, users } from './users.js'

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'completed', 'cancelled', 'expired'] as const
export const PAYMENT_METHODS = ['mock', 'razorpay', 'credits', 'free'] as const
export const REFUND_STATUSES = ['pending', 'processed', 'failed'] as const
export const BOOKING_SESSION_STATUSES = ['held', 'booked', 'released', 'attended', 'missed'] as const
export const ATTENDANCE_MARKS = ['present', 'absent', 'late'] as const

/**
 * One purchase of a plan option for one or more children (one seat each). The seats themselves are the
 * booking_sessions rows; `session_id` is the first session booked, kept for the catalog's and the seed's reads.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id),
    listing_id: uuid().notNull().references(() => listings.id),
    partner_id: uuid().references(() => partners.id),
    plan_option_id: uuid().references(() => planOptions.id),
    session_id: uuid().references(() => sessions.id),
    batch_id: uuid().references(() => batches.id, { onDelete: 'set null' }),
    status: text({ enum: BOOKING_STATUSES }).notNull().default('pending_payment'),
    child_ids: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    seats: integer().notNull().default(1),
    /** Server-computed: the plan option's price × seats, in paise. */
    amount: integer().notNull().default(0),
    payment_method: text({ enum: PAYMENT_METHODS }).notNull().default('mock'),
    /** Paid with credits: the plan option's credits price × seats, spent from the wallet (`amount` keeps the money value). */
    credits_amount: integer().notNull().default(0),
    /** Credits given back to the wallet so far (cancellations, by the same policy as money). */
    credits_refunded: integer().notNull().default(0),
    /** The money value (paise) of those credits, the policy's share of `amount`: partner financials count it as refunded. */
    credits_refund_value: integer().notNull().default(0),
    /** The Razorpay payment that paid for it (PAYMENTS_MODE test/live): one payment confirms at most one booking. */
    payment_ref: text(),
    /** The Razorpay order created for this booking after its hold was taken (test/live). */
    razorpay_order_id: text(),
    /** The last failed payment attempt on the order; the hold stays until it expires, so the parent may retry. */
    payment_failed_at: timestamp({ withTimezone: true }),
    hold_expires_at: timestamp({ withTimezone: true }),
    confirmed_at: timestamp({ withTimezone: true }),
    /** Pack sessions still to be booked (a session given up in time comes back here). */
    sessions_remaining: integer().notNull().default(0),
    valid_until: timestamp({ withTimezone: true }),
    reschedule_count: integer().notNull().default(0),
    cancellation_reason: text(),
    cancelled_by: text({ enum: ['customer', 'partner', 'system', 'admin'] }),
    cancelled_at: timestamp({ withTimezone: true }),
    refund_amount: integer().notNull().default(0),
    refund_status: text({ enum: REFUND_STATUSES }),
    refund_ref: text(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_user_idx').on(t.user_id, t.created_at),
    index('bookings_listing_recent_idx').on(t.created_at, t.listing_id).where(sql`${t.status} in ('confirmed','completed')`),
    index('bookings_partner_idx').on(t.partner_id, t.created_at),
    // the admins' list (newest first) and the CSV export's keyset batches walk bookings in (created_at, id) order
    index('bookings_created_idx').on(t.created_at, t.id),
    index('bookings_pending_hold_idx').on(t.hold_expires_at).where(sql`${t.status} = 'pending_payment'`),
    index('bookings_refund_pending_idx').on(t.updated_at).where(sql`${t.refund_status} = 'pending'`),
    // admin dashboard and analytics: bookings by when they were paid; refunds that failed (a queue)
    index('bookings_confirmed_idx').on(t.confirmed_at).where(sql`${t.confirmed_at} is not null`),
    index('bookings_refund_failed_idx').on(t.updated_at).where(sql`${t.refund_status} = 'failed'`),
    uniqueIndex('bookings_razorpay_order_key').on(t.razorpay_order_id).where(sql`${t.razorpay_order_id} is not null`),
    uniqueIndex('bookings_payment_ref_key').on(t.payment_ref).where(sql`${t.payment_ref} is not null`),
    check('bookings_status_check', sql`${t.status} in ('pending_payment','confirmed','completed','cancelled','expired')`),
    check('bookings_amounts_check', sql`${t.seats} > 0 and ${t.amount} >= 0`),
    check('bookings_payment_method_check', sql`${t.payment_method} in ('mock','razorpay','credits','free')`),
    check('bookings_refund_check', sql`${t.refund_amount} >= 0 and ${t.refund_amount} <= ${t.amount}`),
    check('bookings_refund_status_check', sql`${t.refund_status} is null or ${t.refund_status} in ('pending','processed','failed')`),
    check('bookings_credits_refund_value_check', sql`${t.credits_refund_value} >= 0 and ${t.refund_amount} + ${t.credits_refund_value} <= ${t.amount}`),
    check('bookings_credits_check', sql`${t.credits_refunded} >= 0 and ${t.credits_refunded} <= ${t.credits_amount} and (${t.credits_amount} = 0 or ${t.payment_method} = 'credits')`),
    check('bookings_counts_check', sql`${t.reschedule_count} >= 0 and ${t.sessions_remaining} >= 0`),
  ],
)

/** The booking's seats in one session; every row not `released` counts in sessions.seats_taken. */
export const bookingSessions = pgTable(
  'booking_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    booking_id: uuid().notNull().references(() => bookings.id, { onDelete: 'cascade' }),
    session_id: uuid().notNull().references(() => sessions.id),
    seats: integer().notNull(),
    status: text({ enum: BOOKING_SESSION_STATUSES }).notNull(),
    attendance: text({ enum: ATTENDANCE_MARKS }),
    attendance_marked_at: timestamp({ withTimezone: true }),
    released_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // a booking holds a session at most once at a time (every row but a released one holds a seat)
    uniqueIndex('booking_sessions_active_key').on(t.booking_id, t.session_id).where(sql`${t.status} <> 'released'`),
    index('booking_sessions_session_idx').on(t.session_id, t.status),
    index('booking_sessions_booking_idx').on(t.booking_id),
    check('booking_sessions_status_check', sql`${t.status} in ('held','booked','released','attended','missed')`),
    check('booking_sessions_attendance_check', sql`${t.attendance} is null or ${t.attendance} in ('present','absent','late')`),
    check('booking_sessions_seats_check', sql`${t.seats} > 0`),
  ],
)

/**
 * Which child holds a seat in which session: a row per child of every seat row not released, written by a trigger on
 * booking_sessions (migration 0034), so the primary key holds a child to one seat per session even when parallel
 * bookings both found it free.
 */
export const sessionChildren = pgTable(
  'session_children',
  {
    session_id: uuid().notNull(),
    child_id: uuid().notNull(),
    booking_id: uuid().notNull(),
  },
  (t) => [primaryKey({ name: 'session_children_pkey', columns: [t.session_id, t.child_id] })],
)

/** A trial can be taken once per child per listing: the primary key enforces it, even under concurrency. */
export const trialUses = pgTable(
  'trial_uses',
  {
    listing_id: uuid().notNull().references(() => listings.id, { onDelete: 'cascade' }),
    child_id: uuid().notNull().references(() => children.id, { onDelete: 'cascade' }),
    booking_id: uuid().notNull().references(() => bookings.id, { onDelete: 'cascade' }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listing_id, t.child_id] }), index('trial_uses_booking_idx').on(t.booking_id)],
)

export const unableToAttend = pgTable(
  'unable_to_attend',
  {
    id: uuid().primaryKey().defaultRandom(),
    booking_id: uuid().notNull().references(() => bookings.id, { onDelete: 'cascade' }),
    session_id: uuid().notNull().references(() => sessions.id),
    reason: text().notNull(),
    /** released: the seat went back and the session was credited or refunded; recorded: too late, noted only. */
    outcome: text({ enum: ['credited', 'refunded', 'recorded'] }).notNull(),
    refund_amount: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('unable_to_attend_booking_session_key').on(t.booking_id, t.session_id),
    check('unable_to_attend_outcome_check', sql`${t.outcome} in ('credited','refunded','recorded')`),
  ],
)

export const BOOKING_EVENT_TYPES = ['created', 'reopened', 'confirmed', 'cancelled', 'expired', 'completed', 'rescheduled', 'refund_requested', 'refund_settled'] as const
export const BOOKING_EVENT_ACTORS = ['customer', 'partner', 'admin', 'system'] as const

/**
 * A booking's history, written by the `bookings_record_event` trigger (migration booking_events) in the transaction of
 * every change it describes: created, each status change (reopened: an expired hold whose payment came late goes back
 * to a hold for the instant before its confirmation), a reschedule, a refund recorded and settled. Insert-only.
 * `actor_id` is the acting user when known: the customer for their own moves, the admin of an admin cancel (the
 * `rrray.actor_id` setting of the transaction).
 */
export const bookingEvents = pgTable(
  'booking_events',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    booking_id: uuid().notNull().references(() => bookings.id, { onDelete: 'cascade' }),
    event: text({ enum: BOOKING_EVENT_TYPES }).notNull(),
    from_status: text({ enum: BOOKING_STATUSES }),
    to_status: text({ enum: BOOKING_STATUSES }).notNull(),
    actor: text({ enum: BOOKING_EVENT_ACTORS }).notNull(),
    actor_id: uuid(),
    /** Paise, for refund events: the money (or the credits' money value) this event refunded. */
    amount: integer(),
    refund_status: text({ enum: REFUND_STATUSES }),
    occurred_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('booking_events_booking_idx').on(t.booking_id, t.seq),
    check('booking_events_event_check', sql`${t.event} in ('created','reopened','confirmed','cancelled','expired','completed','rescheduled','refund_requested','refund_settled')`),
    check('booking_events_actor_check', sql`${t.actor} in ('customer','partner','admin','system')`),
  ],
)
