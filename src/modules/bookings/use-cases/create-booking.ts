// POST /api/bookings: validate against the server's own data, take the seats in one conditional UPDATE per session,
// record the booking and its Idempotency-Key answer in the same transaction, in as few round trips as it can.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/database.js'
import type { OutboxJob } from '../../../jobs/job-queue.js'
import { DAY_MS, MINUTE_MS } from '../../../shared/clock.js'
import { bookingViewOf, EXPIRE_HOLD_JOB, type BookingsContext } from '../booking-context.js'
import { claimAndReadBookingFacts, runLastStatement, takeSeatAndInsertBooking } from '../booking-statements.js'
import { ageOnDate, localDate, MONTHLY_PERIOD_DAYS } from '../booking-rules.js'
import {
  BatchRequiredError, ChildAgeMismatchError, ChildAlreadyBookedError, CreditsNotAcceptedError, NoSessionsInPeriodError, OutsideValidityError,
  seatingChildren, SessionFullError, SessionNotBookableError, SessionRequiredError, TooManyHoldsError, TrialAlreadyUsedError,
} from '../bookings.errors.js'
import { bookingsRepository, type BookingRow, type BookingsRepository, type SessionRow } from '../bookings.repository.js'
import type { CreateBookingBody, CreateBookingResponse } from '../bookings.schemas.js'
import { claimIdempotencyKey, claimIdempotencyKeySql, completeIdempotencyKeySql, requestHash } from '../../../shared/idempotency.js'
import { ChildNotFoundError } from '../../auth/index.js'
import { badgeEvaluationJob } from '../../badges/index.js'
import { ListingNotFoundError } from '../../catalog/index.js'
import { newBookingInvoiceSql, seriesOfPartner } from '../../invoices/index.js'
import { notificationJob } from '../../notifications/index.js'
import { BatchNotFoundError, PlanOptionNotFoundError, SessionNotFoundError } from '../../scheduling/index.js'
import { readSetting } from '../../settings/index.js'

export interface CreateBookingAnswer {
  status: number
  body: CreateBookingResponse
}

/** What a booking needs of a session it books. */
type BookableSession = Pick<SessionRow, 'id' | 'listing_id' | 'batch_id' | 'status' | 'starts_at' | 'ends_at'>

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** Why a session refused a seat (it wrote nothing): cancelled, started, or else full. */
async function refuseSeat(repo: BookingsRepository, sessionId: string, now: Date): Promise<never> {
  const fresh = await repo.findSession(sessionId)
  if (!fresh || fresh.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
  if (fresh.starts_at <= now) throw new SessionNotBookableError('This session has already started')
  throw new SessionFullError()
}

/** Takes seats in each session, in id order; a refusal says whether the session is full or no longer bookable. */
export async function takeSeatsOrThrow(repo: BookingsRepository, targets: readonly SessionRow[], seats: number, now: Date): Promise<void> {
  for (const session of [...targets].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!(await repo.takeSeats(session.id, seats, now))) await refuseSeat(repo, session.id, now)
  }
}

export function createBookingUseCase(ctx: BookingsContext) {
  const { db, clock, ids, jobs } = ctx

  /** A monthly plan's sessions: those of its batch within the period (from the session asked for, if one is). */
  async function batchSessionsToBook(repo: BookingsRepository, listingId: string, validityDays: number | null, body: CreateBookingBody, now: Date) {
    let batchId = body.batch_id
    let from = now
    if (body.session_id) {
      const session = await repo.findSession(body.session_id)
      if (!session || session.listing_id !== listingId || (batchId && session.batch_id !== batchId)) throw new SessionNotFoundError()
      if (!session.batch_id) throw new BatchRequiredError()
      batchId = session.batch_id
      if (session.starts_at > now) from = session.starts_at
    }
    if (!batchId) throw new BatchRequiredError()
    const batch = await repo.findBatch(batchId)
    if (!batch || batch.listing_id !== listingId) throw new BatchNotFoundError()
    const until = new Date(from.getTime() + (validityDays ?? MONTHLY_PERIOD_DAYS) * DAY_MS)
    const found = (await repo.findBatchSessions(batchId, from, until)).filter((s) => s.starts_at > now)
    if (found.length === 0) throw new NoSessionsInPeriodError()
    return found
  }

  /**
   * Books inside the caller's transaction (the waitlist books its held seats in its own): claims the Idempotency-Key, takes
   * the seats and records the booking and its answer. A Razorpay hold's order is started by the caller after its commit.
   * A booking of one session with mock money is two statements: the claim with every read, then the seat, the booking,
   * its seat row, its invoice, its confirmation's jobs (outbox rows) and the key's completion in one (see booking-statements.ts).
   */
  async function createBookingInTx(tx: Executor, userId: string, idempotencyKey: string, body: CreateBookingBody): Promise<CreateBookingAnswer> {
    const mock = ctx.paymentsMode === 'mock'
    const withCredits = body.payment_method === 'credits'
    const wallet = ctx.wallet
    const hash = requestHash('POST /api/bookings', body)
    const now = clock.now()
    const facts = await claimAndReadBookingFacts(tx, {
      userId,
      listingId: body.listing_id,
      planId: body.plan_option_id,
      sessionId: body.session_id,
      childIds: body.child_ids,
      claim: claimIdempotencyKeySql(userId, idempotencyKey, hash, now),
      usableCredits: withCredits && wallet ? wallet.usableSql(userId) : undefined,
    })
    if (!facts.claimed) {
      // the key was there: replay its answer, or refuse (another body, or still running); a key forgotten meanwhile (a
      // payment that could not start) is claimed now, and the reads above stand
      const claim = await claimIdempotencyKey(tx, userId, idempotencyKey, hash, now)
      if (claim.kind === 'replay') return { status: claim.code, body: claim.body as CreateBookingResponse }
    }
    const repo = bookingsRepository(tx)

    const { listing, plan, kids } = facts
    if (!listing || listing.status !== 'approved') throw new ListingNotFoundError()
    if (!plan || plan.listing_id !== listing.id || !plan.active) throw new PlanOptionNotFoundError()
    if (kids.length !== body.child_ids.length) throw new ChildNotFoundError()
    if (withCredits && (plan.credits_price === null || !wallet)) throw new CreditsNotAcceptedError()
    // the plan option's credits price, per child
    const credits = withCredits ? plan.credits_price! * kids.length : 0
    if (credits > 0) wallet!.refuseShort(facts.usable_credits, credits)
    // credits, mock money and a free plan confirm at once; Razorpay money holds the seats until paid
    const free = !withCredits && plan.price === 0
    const instant = mock || withCredits || free

    let targets: BookableSession[]
    if (plan.kind === 'monthly') targets = await batchSessionsToBook(repo, listing.id, plan.validity_days, body, now)
    else {
      if (!body.session_id) throw new SessionRequiredError(plan.kind)
      const session = facts.session
      if (!session || session.listing_id !== listing.id) throw new SessionNotFoundError()
      if (session.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
      if (session.starts_at <= now) throw new SessionNotBookableError('This session has already started')
      targets = [session]
    }
    const first = targets[0]!
    const day = localDate(first.starts_at, listing.timezone)
    for (const kid of kids) {
      const age = ageOnDate(kid.date_of_birth, day)
      if (age < listing.age_min || age > listing.age_max) throw new ChildAgeMismatchError(firstName(kid.name), age, listing.age_min, listing.age_max)
    }
    const validUntil = plan.kind === 'pack' && plan.validity_days ? new Date(now.getTime() + plan.validity_days * DAY_MS) : null
    if (validUntil && first.starts_at > validUntil) throw new OutsideValidityError()
    if (plan.kind === 'trial' && facts.trial_used) throw new TrialAlreadyUsedError()
    if (!instant) {
      // one customer's holds are counted under a lock on their row, so parallel requests cannot all slip under the cap
      await repo.lockUser(userId)
      const holds = await repo.countActiveHolds(userId, now)
      if (holds.count >= ctx.maxPendingHolds)
        throw new TooManyHoldsError(ctx.maxPendingHolds, holds.earliest ? (holds.earliest.getTime() - now.getTime()) / 1000 : 60)
    }
    const single = targets.length === 1 && targets[0] === facts.session
    if (single ? facts.already_booked : await repo.childAlreadyBooked(targets.map((s) => s.id), body.child_ids)) throw new ChildAlreadyBookedError()

    const seats = kids.length
    const bookingId = ids.next()
    // an admin's booking_hold_minutes (GET /api/admin/config) when set, BOOKING_HOLD_MINUTES otherwise
    const holdMinutes = instant ? 0 : ((await readSetting(tx, 'booking_hold_minutes')) ?? ctx.holdMinutes)
    const holdExpiresAt = instant ? null : new Date(now.getTime() + holdMinutes * MINUTE_MS)
    const booking: BookingRow = {
      id: bookingId,
      user_id: userId,
      listing_id: listing.id,
      partner_id: listing.partner_id,
      plan_option_id: plan.id,
      session_id: first.id,
      batch_id: first.batch_id,
      status: instant ? 'confirmed' : 'pending_payment',
      child_ids: body.child_ids,
      seats,
      // the price is the server's: the plan option's, per child
      amount: plan.price * seats,
      payment_method: withCredits ? 'credits' : free ? 'free' : mock ? 'mock' : 'razorpay',
      credits_amount: credits,
      credits_refunded: 0,
      credits_refund_value: 0,
      payment_ref: null,
      razorpay_order_id: null,
      payment_failed_at: null,
      hold_expires_at: holdExpiresAt,
      confirmed_at: instant ? now : null,
      sessions_remaining: plan.kind === 'pack' ? Math.max(0, plan.sessions_count - 1) : 0,
      valid_until: validUntil,
      reschedule_count: 0,
      cancellation_reason: null,
      cancelled_by: null,
      cancelled_at: null,
      refund_amount: 0,
      refund_status: null,
      refund_ref: null,
      created_at: now,
      updated_at: now,
    }
    const seatStatus = instant ? ('booked' as const) : ('held' as const)
    const view = bookingViewOf(booking, listing.title, plan.kind, targets.map((s) => ({ session_id: s.id, starts_at: s.starts_at, ends_at: s.ends_at, status: seatStatus, attendance: null })))
    const answer: CreateBookingResponse = { booking: view, payment: null }
    const completion = completeIdempotencyKeySql(userId, idempotencyKey, 201, answer)
    // mock money confirms with its invoice (credits were invoiced when bought); a partner's first one gives its series
    const invoiced = mock && !withCredits && booking.amount > 0
    const series = invoiced ? (facts.supplier.series ?? (await seriesOfPartner(tx, listing.partner_id))) : null
    const invoice = (onlyIf?: SQL) =>
      newBookingInvoiceSql(
        {
          facts: { id: bookingId, user_id: userId, amount: booking.amount, seats, partner_id: listing.partner_id, is_online: listing.is_online, listing_title: listing.title, plan_name: plan.name, customer_name: facts.customer_name, ...facts.supplier },
          series: series!, gst: facts.gst, gst_exempt_categories: facts.gst_exempt_categories, ...(onlyIf ? { onlyIf } : {}),
        },
        now,
      )
    // a confirmation's notification and badge evaluation are outbox rows of the last statement, not round trips of their own
    const confirmed = `booking-confirmed:${bookingId}`
    const confirmationJobs: OutboxJob[] = !instant
      ? []
      : [
          ...(ctx.notify ? [notificationJob({ user_id: userId, kind: 'booking_confirmed', event_key: confirmed, data: { booking_id: bookingId, listing_id: listing.id, amount: plan.price * seats, starts_at: first.starts_at.toISOString() } })] : []),
          ...(ctx.earnBadges ? [badgeEvaluationJob({ user_id: userId, event_key: confirmed })] : []),
        ]
    const lastCtes = (onlyIf?: SQL): SQL[] => [
      ...(invoiced ? [invoice(onlyIf)] : []),
      ...(confirmationJobs.length > 0 ? [sql`confirmation_jobs as (${jobs.outboxSql(confirmationJobs, onlyIf)})`] : []),
    ]
    const last = invoiced || confirmationJobs.length > 0 ? (onlyIf?: SQL) => sql.join(lastCtes(onlyIf), sql`, `) : undefined
    if (holdExpiresAt) await jobs.send(EXPIRE_HOLD_JOB, { booking_id: bookingId }, { tx, startAfter: holdExpiresAt, singletonKey: bookingId })
    // a parallel booking may seat a child between the check above and this seat: the database's key refuses it (409)
    await seatingChildren(async () => {
      if (single) {
        // the seat, the booking, its seat row, the invoice, the confirmation's jobs and the key's answer in one statement: the
        // session's and the series' row locks are taken last and held to the commit only (but for a credits booking's wallet, taken after)
        const taken = await takeSeatAndInsertBooking(tx, booking, { id: ids.next(), status: seatStatus }, now, { last, alongside: completion })
        if (!taken) await refuseSeat(repo, first.id, now)
      } else {
        await takeSeatsOrThrow(repo, targets as SessionRow[], seats, now)
        await repo.insertBooking(booking)
        await repo.insertBookingSessions(targets.map((s) => ({ id: ids.next(), booking_id: bookingId, session_id: s.id, seats, status: seatStatus, created_at: now })))
        await runLastStatement(tx, last?.(), completion)
      }
    })
    if (plan.kind === 'trial' && (await repo.claimTrials(listing.id, body.child_ids, bookingId, now)) !== body.child_ids.length) throw new TrialAlreadyUsedError()
    // after the seats: the wallet's lock is always taken second (see the credits module's wallet-port.ts)
    if (credits > 0) await wallet!.spend(tx, { user_id: userId, booking_id: bookingId, credits, reason: `Booked ${listing.title} (${plan.name})` })
    return { status: 201, body: answer }
  }

  return {
    createBookingInTx,
    /** POST /api/bookings: the booking in its own transaction. */
    createBooking: (userId: string, idempotencyKey: string, body: CreateBookingBody) => db.transaction((tx) => createBookingInTx(tx, userId, idempotencyKey, body)),
  }
}
