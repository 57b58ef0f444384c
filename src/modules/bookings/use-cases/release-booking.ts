// Ending a booking: hold expiry, payment confirmation, cancellation (by the parent or with the partner's session) and refunds.
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/database.js'
import { queryRows } from '../../../db/query.js'
import { bookings } from '../../../db/schema/bookings.js'
import { DAY_MS } from '../../../shared/clock.js'
import { lockOwnBooking, readCancellationPolicy, toBookingView, type BookingsContext } from '../booking-context.js'
import { assertCanMove } from '../booking-status.js'
import { BookingHoldExpiredError } from '../bookings.errors.js'
import { bookingsRepository, type BookedSession, type BookingRow } from '../bookings.repository.js'
import type { BookingResponse } from '../bookings.schemas.js'
import { refundAmount, refundPercent } from '../cancellation-policy.js'
import { issueInvoiceForBooking } from '../../invoices/index.js'

/** What is still refundable of what was paid for a booking, in paise (nothing was paid for a hold still pending). */
export function refundableOf(booking: Pick<BookingRow, 'status' | 'amount' | 'refund_amount' | 'credits_refund_value'>): number {
  return booking.status === 'confirmed' ? booking.amount - booking.refund_amount - booking.credits_refund_value : 0
}

/** Gives back the seats of these rows (sessions in id order) and marks the rows released. */
export async function releaseSeats(executor: Executor, rows: readonly Pick<BookedSession, 'id' | 'session_id' | 'seats'>[], now: Date): Promise<void> {
  const repo = bookingsRepository(executor)
  for (const row of [...rows].sort((a, b) => (a.session_id < b.session_id ? -1 : 1))) {
    await repo.releaseSeats(row.session_id, row.seats)
    await repo.releaseBookingSession(row.id, now)
  }
}

export function createReleaseUseCases(ctx: BookingsContext) {
  const { db, clock } = ctx

  /** releaseSeats, then tells the waitlist (onSeatsReleased) about each session that got seats back. */
  async function releaseSeatsAndNotify(executor: Executor, rows: readonly Pick<BookedSession, 'id' | 'session_id' | 'seats'>[], now: Date): Promise<void> {
    await releaseSeats(executor, rows, now)
    for (const sessionId of new Set(rows.map((r) => r.session_id))) await ctx.onSeatsReleased?.(executor, sessionId)
  }

  /**
   * The fields that record a refund on a locked booking. 'pending' is the outbox: the use case asks the RefundPort right
   * after its commit, and the sweeper job retries whatever is still pending (no job is enqueued inside the transaction,
   * so other modules can call this from theirs).
   */
  function recordRefund(booking: BookingRow, amount: number): Partial<BookingRow> {
    if (amount <= 0) return {}
    return { refund_amount: booking.refund_amount + amount, refund_status: 'pending' }
  }

  /** Cancels a locked booking: releases every seat still to come, records the refund, frees a trial. */
  async function cancelLocked(
    tx: Executor,
    booking: BookingRow,
    options: {
      reason: string | null
      by: 'customer' | 'partner' | 'system' | 'admin'
      percent: (firstStart: Date | undefined) => number
      /** An admin's chosen refund in paise (0 … refundableOf(booking)) instead of the policy's percentage. */
      refund?: number
    },
  ): Promise<BookingRow> {
    assertCanMove(booking.status, 'cancelled')
    const repo = bookingsRepository(tx)
    const now = clock.now()
    const active = await repo.sessionsOf([booking.id], true)
    const upcoming = active.filter((s) => s.starts_at > now || s.session_status === 'cancelled')
    await releaseSeatsAndNotify(tx, upcoming, now)
    await repo.releaseTrials(booking.id)
    const paid = refundableOf(booking)
    const percent = options.refund === undefined ? options.percent(upcoming[0]?.starts_at) : 0
    const refund = options.refund ?? refundAmount(paid, percent)
    const ending = { status: 'cancelled' as const, cancellation_reason: options.reason, cancelled_by: options.by, cancelled_at: now, hold_expires_at: null, updated_at: now }
    // credits go back in the same share as the money value: all of it returns every credit left, 0 returns none
    const creditsLeft = booking.status === 'confirmed' ? booking.credits_amount - booking.credits_refunded : 0
    const credits = options.refund === undefined ? refundAmount(creditsLeft, percent) : paid === 0 ? 0 : Math.floor((creditsLeft * refund) / paid)
    const refunded = booking.payment_method !== 'credits' ? recordRefund(booking, refund) : await returnCredits(tx, booking, credits, refund, options.reason ?? 'Booking cancelled')
    const cancelled = await repo.updateBooking(booking.id, { ...ending, ...refunded })
    await ctx.notify?.(tx, { user_id: booking.user_id, kind: 'booking_cancelled', event_key: `booking-cancelled:${booking.id}`, data: { booking_id: booking.id, listing_id: booking.listing_id, refund_amount: cancelled.refund_amount - booking.refund_amount, credits_refunded: cancelled.credits_refunded - booking.credits_refunded, cancelled_by: options.by } })
    return cancelled
  }

  /**
   * Paid with credits: the policy's share of the credits goes back to the wallet in this transaction (their own expiry, or
   * the grace period), so the refund is processed at once. No money goes back (refund_amount stays 0); credits_refund_value
   * keeps the same share of the money value for the partner's financials.
   */
  async function returnCredits(tx: Executor, booking: BookingRow, credits: number, moneyValue: number, reason: string): Promise<Partial<BookingRow>> {
    if (credits > 0) await ctx.wallet!.refund(tx, { user_id: booking.user_id, booking_id: booking.id, credits, reason })
    if (credits === 0 && moneyValue === 0) return {}
    return { credits_refunded: booking.credits_refunded + credits, credits_refund_value: booking.credits_refund_value + moneyValue, refund_status: 'processed' }
  }

  /** Asks the RefundPort for a booking's pending refund (outside any transaction) and records its answer. */
  async function settleRefund(bookingId: string): Promise<void> {
    const booking = await bookingsRepository(db).findBooking(bookingId)
    if (!booking || booking.refund_status !== 'pending' || booking.refund_amount <= 0) return
    const result = await ctx.refunds.refund({
      subject_type: 'booking',
      subject_id: booking.id,
      payment_method: booking.payment_method,
      payment_ref: booking.payment_ref,
      amount: booking.refund_amount,
      idempotency_key: `refund-${booking.id}-${booking.refund_amount}`,
    })
    if (result.status === 'pending' && !result.refund_ref) return
    await db
      .update(bookings)
      .set({ refund_status: result.status, refund_ref: result.refund_ref, updated_at: clock.now() })
      .where(and(eq(bookings.id, bookingId), eq(bookings.refund_status, 'pending')))
  }

  /** The hold-expiry job: a still-pending booking past its hold becomes expired and its seats go back. Idempotent. */
  async function expireHold(bookingId: string): Promise<'expired' | 'not_due' | 'unchanged'> {
    const now = clock.now()
    return db.transaction(async (tx) => {
      const repo = bookingsRepository(tx)
      const booking = await repo.lockBooking(bookingId)
      if (!booking || booking.status !== 'pending_payment') return 'unchanged'
      if (booking.hold_expires_at && booking.hold_expires_at > now) return 'not_due'
      await releaseSeatsAndNotify(tx, await repo.sessionsOf([bookingId], true), now)
      await repo.releaseTrials(bookingId)
      await repo.updateBooking(bookingId, { status: 'expired', updated_at: now })
      return 'expired'
    })
  }

  return {
    releaseSeats: releaseSeatsAndNotify,
    recordRefund,
    cancelLocked,
    settleRefund,

    async cancelBooking(userId: string, bookingId: string, reason: string | null): Promise<BookingResponse> {
      const now = clock.now()
      const cancelled = await db.transaction(async (tx) => {
        const booking = await lockOwnBooking(tx, userId, bookingId)
        const listing = await bookingsRepository(tx).findListing(booking.listing_id)
        const policy = await readCancellationPolicy(tx)
        return cancelLocked(tx, booking, {
          reason,
          by: 'customer',
          percent: (start) => (start ? refundPercent(policy, start, now, listing?.cancellation_notice_hours) : 0),
        })
      })
      if (cancelled.refund_status === 'pending') await settleRefund(cancelled.id).catch(() => undefined) // the sweeper retries
      return toBookingView(db, (await bookingsRepository(db).findBooking(bookingId))!)
    },

    /**
     * For the scheduling module, inside its transaction when a partner cancels a session: every booking holding a seat in it
     * is cancelled with a full refund when that session was all it booked; a pack or monthly plan gets the session credited
     * back instead (its other sessions stay). Seats of the session are released either way. Returns the bookings touched.
     */
    async cancelBookingsForSession(tx: Executor, sessionId: string, reason: string): Promise<{ cancelled: string[]; credited: string[] }> {
      const now = clock.now()
      const repo = bookingsRepository(tx)
      const holders = await queryRows<{ id: string }>(
        tx,
        sql`select distinct b.id from bookings b join booking_sessions bs on bs.booking_id = b.id
            where bs.session_id = ${sessionId}::uuid and bs.status <> 'released' and b.status in ('pending_payment','confirmed')
            order by b.id`,
      )
      const result = { cancelled: [] as string[], credited: [] as string[] }
      for (const { id } of holders) {
        const booking = (await repo.lockBooking(id))!
        const active = await repo.sessionsOf([id], true)
        const others = active.filter((s) => s.session_id !== sessionId && s.starts_at > now)
        const kind = await planKindOf(tx, booking)
        const isPlan = kind === 'pack' || kind === 'monthly' || others.length > 0
        if (!isPlan || booking.status === 'pending_payment') {
          await cancelLocked(tx, booking, { reason, by: 'partner', percent: () => 100 })
          result.cancelled.push(id)
          continue
        }
        await releaseSeatsAndNotify(tx, active.filter((s) => s.session_id === sessionId), now)
        await repo.updateBooking(id, { sessions_remaining: booking.sessions_remaining + 1, updated_at: now })
        result.credited.push(id)
      }
      return result
    },

    expireHold,

    /** The sweeper behind the per-booking jobs: expires every pending hold already past its time. Returns how many. */
    async expireDueHolds(): Promise<number> {
      const now = clock.now()
      const due = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.status, 'pending_payment'), sql`${bookings.hold_expires_at} <= ${now.toISOString()}::timestamptz`))
        .orderBy(asc(bookings.hold_expires_at))
        .limit(500)
      let expired = 0
      for (const { id } of due) if ((await expireHold(id)) === 'expired') expired++
      return expired
    },

    /** The sweeper's retry of refunds still pending (the RefundPort failed or answered later). Returns how many settled. */
    async settlePendingRefunds(): Promise<number> {
      const pending = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(eq(bookings.refund_status, 'pending'))
        .orderBy(asc(bookings.updated_at))
        .limit(100)
      let settled = 0
      for (const { id } of pending) {
        // one failing refund must not hold up the others; it stays pending for the next run
        if (await settleRefund(id).then(() => true, () => false)) settled++
      }
      return settled
    },

    /**
     * The sweeper's close of finished bookings: confirmed, every seat's session over, and nothing left to book (or the
     * plan's validity over) → completed. Returns how many.
     */
    async completeFinishedBookings(): Promise<number> {
      const now = clock.now().toISOString()
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update bookings b set status = 'completed', updated_at = ${now}::timestamptz
            where b.status = 'confirmed'
              and not exists (select 1 from booking_sessions bs join sessions s on s.id = bs.session_id
                              where bs.booking_id = b.id and bs.status <> 'released' and s.ends_at > ${now}::timestamptz)
              and (b.session_id is null or exists (select 1 from sessions s where s.id = b.session_id and s.ends_at <= ${now}::timestamptz))
              and (b.sessions_remaining = 0 or b.valid_until <= ${now}::timestamptz)
            returning b.id`,
      )
      return rows.length
    },

    /** Forgets Idempotency-Keys older than 24 hours. */
    async pruneIdempotencyKeys(): Promise<number> {
      return bookingsRepository(db).pruneIdempotencyKeys(new Date(clock.now().getTime() - DAY_MS))
    },

    /**
     * For the payment step (Razorpay verify or webhook), inside its transaction: confirms a pending booking once its payment
     * is proven. Confirming again with the same payment changes nothing; an expired or cancelled booking answers 409
     * BOOKING_HOLD_EXPIRED (the caller re-takes a seat or refunds).
     */
    async confirmBooking(tx: Executor, bookingId: string, paymentRef: string): Promise<'confirmed' | 'already_confirmed'> {
      const repo = bookingsRepository(tx)
      const booking = await repo.lockBooking(bookingId)
      if (!booking) throw new BookingHoldExpiredError()
      if (booking.status === 'confirmed' || booking.status === 'completed') return 'already_confirmed'
      if (booking.status !== 'pending_payment') throw new BookingHoldExpiredError()
      const now = clock.now()
      await repo.setHeldAsBooked(bookingId)
      await repo.updateBooking(bookingId, { status: 'confirmed', payment_ref: paymentRef, confirmed_at: now, hold_expires_at: null, updated_at: now })
      await issueInvoiceForBooking(tx, bookingId, now)
      await ctx.notify?.(tx, { user_id: booking.user_id, kind: 'booking_confirmed', event_key: `booking-confirmed:${bookingId}`, data: { booking_id: bookingId, listing_id: booking.listing_id, amount: booking.amount } })
      await ctx.earnBadges?.(tx, { user_id: booking.user_id, event_key: `booking-confirmed:${bookingId}` })
      return 'confirmed'
    },
  }

  async function planKindOf(tx: Executor, booking: BookingRow): Promise<string | undefined> {
    if (!booking.plan_option_id) return undefined
    return (await bookingsRepository(tx).findPlanOption(booking.plan_option_id))?.kind
  }
}

export type ReleaseUseCases = ReturnType<typeof createReleaseUseCases>
