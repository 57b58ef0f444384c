// What every booking use case is built on, and the helpers they share.
import type { Db, Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { findListingTitles } from '../listings/index.js'
import { findPlanKinds } from '../scheduling/index.js'
import { BookingNotFoundError } from './bookings.errors.js'
import { bookingsRepository, type BookingRow } from './bookings.repository.js'
import type { BookingResponse } from './bookings.schemas.js'
import { parseCancellationPolicy, type CancellationPolicy } from './cancellation-policy.js'
import type { CreditWallet } from '../credits/index.js'
import type { Checkout, PaymentLogger, RefundPort } from '../payments/index.js'
import type { Notify } from '../notifications/index.js'
import type { BadgeTrigger } from '../badges/index.js'

export const EXPIRE_HOLD_JOB = 'bookings.expire-hold'
export const SWEEP_HOLDS_JOB = 'bookings.sweep-holds'
export const REFUND_JOB = 'bookings.refund'

export interface BookingsDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  refunds: RefundPort
  paymentsMode: 'mock' | 'test' | 'live'
  holdMinutes: number
  maxPendingHolds: number
  maxReschedules: number
  /** Checkout (PAYMENTS_MODE test/live): a hold's Razorpay order after its commit; without it a booking stays a hold until confirmed. */
  checkout?: Checkout
  logger?: PaymentLogger
  /** The credits wallet (payment_method credits); without it, paying with credits answers 422 CREDITS_NOT_ACCEPTED. */
  wallet?: CreditWallet
  /** Called in the releasing transaction for each session that got seats back (the waitlist enqueues its offer there). */
  onSeatsReleased?: (tx: Executor, sessionId: string) => Promise<void>
  /** Tells the family about confirmations, cancellations and moves, in the booking's transaction. */
  notify?: Notify
  /** A confirmation or an attendance mark may earn a badge: the evaluation is enqueued in the booking's transaction. */
  earnBadges?: BadgeTrigger
}

export type BookingsContext = BookingsDeps

export function createBookingsContext(deps: BookingsDeps): BookingsContext {
  return deps
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** Booking rows as the API shows them to their owner: with the listing's title, the plan's kind and the seats. */
export async function toBookingViews(executor: Executor, rows: readonly BookingRow[]): Promise<BookingResponse[]> {
  if (rows.length === 0) return []
  const repo = bookingsRepository(executor)
  const listingIds = [...new Set(rows.map((r) => r.listing_id))]
  const planIds = [...new Set(rows.map((r) => r.plan_option_id).filter((id): id is string => id !== null))]
  const [titles, kinds, seats] = await readAll(
    executor,
    () => findListingTitles(executor, listingIds),
    () => findPlanKinds(executor, planIds),
    () => repo.sessionsOf(rows.map((r) => r.id)),
  )
  const title = new Map(titles.map((t) => [t.id, t.title]))
  const kind = new Map(kinds.map((k) => [k.id, k.kind]))
  return rows.map((r) =>
    bookingViewOf(r, title.get(r.listing_id) ?? '', r.plan_option_id ? (kind.get(r.plan_option_id) ?? null) : null, seats.filter((s) => s.booking_id === r.id)),
  )
}

/** One booking as its owner sees it, from its row and what it refers to (a use case that has them all builds it here). */
export function bookingViewOf(
  r: BookingRow,
  listingTitle: string,
  planKind: string | null,
  seats: ReadonlyArray<{ session_id: string; starts_at: Date; ends_at: Date; status: BookingResponse['sessions'][number]['status']; attendance: BookingResponse['sessions'][number]['attendance'] }>,
): BookingResponse {
  return {
    id: r.id,
    user_id: r.user_id,
    listing_id: r.listing_id,
    listing_title: listingTitle,
    plan_option_id: r.plan_option_id,
    plan_kind: planKind as BookingResponse['plan_kind'],
    batch_id: r.batch_id,
    status: r.status,
    child_ids: r.child_ids,
    seats: r.seats,
    amount: r.amount,
    payment_method: r.payment_method,
    credits_amount: r.credits_amount,
    credits_refunded: r.credits_refunded,
    hold_expires_at: iso(r.hold_expires_at),
    confirmed_at: iso(r.confirmed_at),
    sessions_remaining: r.sessions_remaining,
    valid_until: iso(r.valid_until),
    reschedule_count: r.reschedule_count,
    cancellation_reason: r.cancellation_reason,
    cancelled_at: iso(r.cancelled_at),
    refund_amount: r.refund_amount,
    refund_status: r.refund_status,
    sessions: seats.map((s) => ({ session_id: s.session_id, starts_at: s.starts_at.toISOString(), ends_at: s.ends_at.toISOString(), status: s.status, attendance: s.attendance })),
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  }
}

export async function toBookingView(executor: Executor, row: BookingRow): Promise<BookingResponse> {
  return (await toBookingViews(executor, [row]))[0]!
}

export async function readCancellationPolicy(executor: Executor): Promise<CancellationPolicy> {
  return parseCancellationPolicy(await bookingsRepository(executor).readCancellationPolicy())
}

/** The caller's booking, locked for the change, or 404 (another user's booking answers the same as a missing one). */
export async function lockOwnBooking(executor: Executor, userId: string, bookingId: string): Promise<BookingRow> {
  const row = await bookingsRepository(executor).lockBooking(bookingId)
  if (!row || row.user_id !== userId) throw new BookingNotFoundError()
  return row
}
