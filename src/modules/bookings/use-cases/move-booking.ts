// Moving seats within a booking: reschedule to another session, book a pack's next session, report unable to attend.
import type { Executor } from '../../../db/database.js'
import { HOUR_MS } from '../../../shared/clock.js'
import { findOpenSessions } from '../../scheduling/index.js'
import { ageOnDate, localDate } from '../booking-rules.js'
import { lockOwnBooking, readCancellationPolicy, toBookingView, type BookingsContext } from '../booking-context.js'
import {
  AlreadyReportedError, BookingNotConfirmedError, BookingNotFoundError, ChildAgeMismatchError, ChildAlreadyBookedError, NoSessionsRemainingError, NotReschedulableError,
  OutsideValidityError, RescheduleLimitError, RescheduleWindowClosedError, SessionAlreadyStartedError, SessionNotBookableError, SessionNotInBookingError, seatingChildren,
} from '../bookings.errors.js'
import { bookingsRepository, type BookedSession, type BookingRow, type SessionRow } from '../bookings.repository.js'
import type { AvailableSessionsResponse, BookingResponse, RescheduleBookingBody, UnableToAttendBody, UnableToAttendResponse } from '../bookings.schemas.js'
import { refundPercent } from '../cancellation-policy.js'
import { SessionNotFoundError } from '../../scheduling/index.js'
import { takeSeatsOrThrow } from './create-booking.js'
import type { ReleaseUseCases } from './release-booking.js'

export const DEFAULT_RESCHEDULE_NOTICE_HOURS = 24

interface Reschedulability {
  from: BookedSession | undefined
  reason: string | null
  error: Error | undefined
}

export function createMoveUseCases(ctx: BookingsContext, release: ReleaseUseCases) {
  const { db, clock, ids } = ctx

  async function planKind(executor: Executor, booking: BookingRow) {
    return booking.plan_option_id ? (await bookingsRepository(executor).findPlanOption(booking.plan_option_id))?.kind : undefined
  }

  /** Which of the booking's sessions would move, or why it cannot move now. */
  async function checkReschedulable(executor: Executor, booking: BookingRow, fromSessionId: string | undefined, now: Date): Promise<Reschedulability> {
    const refuse = (error: Error) => ({ from: undefined, reason: error.message, error })
    if (booking.status !== 'confirmed') return refuse(new NotReschedulableError('Only a confirmed booking can be rescheduled'))
    if (booking.reschedule_count >= ctx.maxReschedules) return refuse(new RescheduleLimitError(ctx.maxReschedules))
    const repo = bookingsRepository(executor)
    const upcoming = (await repo.sessionsOf([booking.id], true)).filter((s) => s.starts_at > now)
    const from = fromSessionId ? upcoming.find((s) => s.session_id === fromSessionId) : upcoming.length === 1 ? upcoming[0] : undefined
    if (!from) {
      if (fromSessionId) return refuse(new SessionNotInBookingError())
      return refuse(new NotReschedulableError(upcoming.length === 0 ? 'This booking has no upcoming session to move' : 'Say which session to move (from_session_id)'))
    }
    const listing = await repo.findListing(booking.listing_id)
    const notice = listing?.reschedule_notice_hours ?? DEFAULT_RESCHEDULE_NOTICE_HOURS
    if (from.starts_at.getTime() - now.getTime() < notice * HOUR_MS) return refuse(new RescheduleWindowClosedError(notice))
    return { from, reason: null, error: undefined }
  }

  /**
   * Sessions a booking could move to: same listing (and batch for plans), scheduled, future, with room, within validity,
   * and none where one of its children already has a seat (this booking's or another's).
   */
  async function candidateSessions(executor: Executor, booking: BookingRow, now: Date, seats: number): Promise<SessionRow[]> {
    const kind = await planKind(executor, booking)
    const sameBatch = (kind === 'pack' || kind === 'monthly') && booking.batch_id
    const repo = bookingsRepository(executor)
    const rows = await findOpenSessions(executor, {
      listingId: booking.listing_id, batchId: sameBatch ? booking.batch_id : null, after: now, until: booking.valid_until, seats,
    })
    const seated = await repo.sessionsSeatingChildren(rows.map((s) => s.id), booking.child_ids)
    return rows.filter((s) => !seated.has(s.id))
  }

  /** Validates a target session for this booking: 404 when it is not one of the listing's (or the batch's), 409/422 otherwise. */
  async function checkTarget(executor: Executor, booking: BookingRow, sessionId: string, now: Date): Promise<SessionRow> {
    const repo = bookingsRepository(executor)
    const target = await repo.findSession(sessionId)
    if (!target || target.listing_id !== booking.listing_id) throw new SessionNotFoundError()
    const kind = await planKind(executor, booking)
    if ((kind === 'pack' || kind === 'monthly') && booking.batch_id && target.batch_id !== booking.batch_id) throw new SessionNotFoundError()
    if (target.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
    if (target.starts_at <= now) throw new SessionNotBookableError('This session has already started')
    if (booking.valid_until && target.starts_at > booking.valid_until) throw new OutsideValidityError()
    const held = await repo.sessionsOf([booking.id], true)
    if (held.some((s) => s.session_id === sessionId)) throw new SessionNotBookableError('This booking already has a seat in that session')
    if (await repo.childAlreadyBooked([sessionId], booking.child_ids)) throw new ChildAlreadyBookedError()
    // the children must still fit the listing's ages on the new date
    const listing = await repo.findListing(booking.listing_id)
    if (listing) {
      const day = localDate(target.starts_at, listing.timezone)
      for (const kid of await repo.findChildrenOf(booking.user_id, booking.child_ids)) {
        const age = ageOnDate(kid.date_of_birth, day)
        if (age < listing.age_min || age > listing.age_max) throw new ChildAgeMismatchError(kid.name.trim().split(/\s+/)[0] ?? kid.name, age, listing.age_min, listing.age_max)
      }
    }
    return target
  }

  return {
    async availableSessions(userId: string, bookingId: string): Promise<AvailableSessionsResponse> {
      const now = clock.now()
      const booking = await bookingsRepository(db).findBooking(bookingId)
      if (!booking || booking.user_id !== userId) throw new BookingNotFoundError()
      const check = await checkReschedulable(db, booking, undefined, now)
      const items = check.error && booking.status !== 'confirmed' ? [] : await candidateSessions(db, booking, now, booking.seats)
      return {
        items: items.map((s) => ({
          id: s.id, starts_at: s.starts_at.toISOString(), ends_at: s.ends_at.toISOString(), batch_id: s.batch_id, seats_left: s.capacity - s.seats_taken,
        })),
        reschedulable: check.error === undefined,
        reason: check.reason,
        reschedules_left: Math.max(0, ctx.maxReschedules - booking.reschedule_count),
      }
    },

    /** Moves one seat row to another session: the new seat is taken before the old one is freed, in one transaction. */
    async rescheduleBooking(userId: string, bookingId: string, body: RescheduleBookingBody): Promise<BookingResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const booking = await lockOwnBooking(tx, userId, bookingId)
        const check = await checkReschedulable(tx, booking, body.from_session_id, now)
        if (check.error || !check.from) throw check.error ?? new NotReschedulableError('This booking cannot be moved')
        const from = check.from
        const target = await checkTarget(tx, booking, body.session_id, now)
        const repo = bookingsRepository(tx)
        await repo.lockSessions([from.session_id, target.id])
        await takeSeatsOrThrow(repo, [target], from.seats, now)
        await repo.releaseSeats(from.session_id, from.seats)
        await repo.releaseBookingSession(from.id, now)
        await ctx.onSeatsReleased?.(tx, from.session_id)
        await seatingChildren(() =>
          repo.insertBookingSessions([{ id: ids.next(), booking_id: booking.id, session_id: target.id, seats: from.seats, status: from.status === 'held' ? 'held' : 'booked', created_at: now }]),
        )
        const updated = await repo.updateBooking(booking.id, {
          reschedule_count: booking.reschedule_count + 1,
          ...(booking.session_id === from.session_id ? { session_id: target.id } : {}),
          updated_at: now,
        })
        await ctx.notify?.(tx, { user_id: booking.user_id, kind: 'booking_rescheduled', event_key: `booking-rescheduled:${booking.id}:${updated.reschedule_count}`, data: { booking_id: booking.id, listing_id: booking.listing_id, starts_at: target.starts_at.toISOString() } })
        return toBookingView(tx, updated)
      })
    },

    /** Uses one of a pack's remaining sessions (or one credited back) on another session of the listing. */
    async addBookingSession(userId: string, bookingId: string, sessionId: string): Promise<BookingResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const booking = await lockOwnBooking(tx, userId, bookingId)
        if (booking.status !== 'confirmed') throw new BookingNotConfirmedError()
        if (booking.sessions_remaining <= 0) throw new NoSessionsRemainingError()
        const target = await checkTarget(tx, booking, sessionId, now)
        const repo = bookingsRepository(tx)
        await takeSeatsOrThrow(repo, [target], booking.seats, now)
        await seatingChildren(() => repo.insertBookingSessions([{ id: ids.next(), booking_id: booking.id, session_id: target.id, seats: booking.seats, status: 'booked', created_at: now }]))
        const updated = await repo.updateBooking(booking.id, { sessions_remaining: booking.sessions_remaining - 1, updated_at: now })
        return toBookingView(tx, updated)
      })
    },

    /**
     * Records that the children will miss a session. Before the cancellation notice (the listing's, else the policy's
     * full-refund hours) the seat is released: a pack or monthly plan gets the session back to book another, a single or
     * trial booking is cancelled with a refund by policy. Later, it is only recorded.
     */
    async reportUnableToAttend(userId: string, bookingId: string, body: UnableToAttendBody): Promise<UnableToAttendResponse> {
      const now = clock.now()
      const answer = await db.transaction(async (tx) => {
        const booking = await lockOwnBooking(tx, userId, bookingId)
        if (booking.status !== 'confirmed') throw new BookingNotConfirmedError()
        const repo = bookingsRepository(tx)
        if (await repo.hasUnableToAttend(booking.id, body.session_id)) throw new AlreadyReportedError()
        const seat = (await repo.sessionsOf([booking.id], true)).find((s) => s.session_id === body.session_id)
        if (!seat) throw new SessionNotInBookingError()
        if (seat.starts_at <= now) throw new SessionAlreadyStartedError()
        const listing = await repo.findListing(booking.listing_id)
        const policy = await readCancellationPolicy(tx)
        const notice = listing?.cancellation_notice_hours ?? policy.full_refund_hours
        const inTime = seat.starts_at.getTime() - now.getTime() >= notice * HOUR_MS
        const kind = await planKind(tx, booking)
        let outcome: 'credited' | 'refunded' | 'recorded' = 'recorded'
        let refund = 0
        let updated = booking
        if (inTime && (kind === 'pack' || kind === 'monthly')) {
          await release.releaseSeats(tx, [seat], now)
          updated = await repo.updateBooking(booking.id, { sessions_remaining: booking.sessions_remaining + 1, updated_at: now })
          outcome = 'credited'
        } else if (inTime) {
          updated = await release.cancelLocked(tx, booking, {
            reason: `Unable to attend: ${body.reason}`,
            by: 'customer',
            percent: (start) => (start ? refundPercent(policy, start, now, listing?.cancellation_notice_hours) : 0),
          })
          refund = updated.refund_amount - booking.refund_amount
          outcome = 'refunded'
        }
        const record = await repo.insertUnableToAttend({ id: ids.next(), booking_id: booking.id, session_id: seat.session_id, reason: body.reason, outcome, refund_amount: refund, created_at: now })
        if (!record) throw new AlreadyReportedError()
        return { record, booking: updated }
      })
      if (answer.booking.refund_status === 'pending') await release.settleRefund(bookingId).catch(() => undefined)
      const booking = (await bookingsRepository(db).findBooking(bookingId))!
      return { ...answer.record, created_at: answer.record.created_at.toISOString(), booking: await toBookingView(db, booking) }
    },
  }
}
