// POST /api/bookings: validate against the server's own data, take the seats in one conditional UPDATE per session,
// record the booking and its Idempotency-Key answer in the same transaction.
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/database.js'
import { trialUses } from '../../../db/schema/bookings.js'
import { DAY_MS, MINUTE_MS } from '../../../shared/clock.js'
import { EXPIRE_HOLD_JOB, toBookingView, type BookingsContext } from '../booking-context.js'
import { ageOnDate, localDate, MONTHLY_PERIOD_DAYS } from '../booking-rules.js'
import {
  BatchRequiredError, ChildAgeMismatchError, ChildAlreadyBookedError, CreditsNotAcceptedError, NoSessionsInPeriodError, OutsideValidityError,
  SessionFullError, SessionNotBookableError, SessionRequiredError, TooManyHoldsError, TrialAlreadyUsedError,
} from '../bookings.errors.js'
import { bookingsRepository, type BookingsRepository, type SessionRow } from '../bookings.repository.js'
import type { CreateBookingBody, CreateBookingResponse } from '../bookings.schemas.js'
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '../../../shared/idempotency.js'
import { ChildNotFoundError } from '../../auth/index.js'
import { ListingNotFoundError } from '../../catalog/index.js'
import { issueInvoiceForBooking } from '../../invoices/index.js'
import { BatchNotFoundError, PlanOptionNotFoundError, SessionNotFoundError } from '../../scheduling/index.js'
import { readSetting } from '../../settings/index.js'

export interface CreateBookingAnswer {
  status: number
  body: CreateBookingResponse
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** Takes seats in each session, in id order; a refusal says whether the session is full or no longer bookable. */
export async function takeSeatsOrThrow(repo: BookingsRepository, targets: readonly SessionRow[], seats: number, now: Date): Promise<void> {
  for (const session of [...targets].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (await repo.takeSeats(session.id, seats, now)) continue
    const fresh = await repo.findSession(session.id)
    if (!fresh || fresh.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
    if (fresh.starts_at <= now) throw new SessionNotBookableError('This session has already started')
    throw new SessionFullError()
  }
}

export function createBookingUseCase(ctx: BookingsContext) {
  const { db, clock, ids, jobs } = ctx

  async function sessionsToBook(repo: BookingsRepository, listingId: string, kind: string, validityDays: number | null, body: CreateBookingBody, now: Date) {
    if (kind !== 'monthly') {
      if (!body.session_id) throw new SessionRequiredError(kind)
      const session = await repo.findSession(body.session_id)
      if (!session || session.listing_id !== listingId) throw new SessionNotFoundError()
      if (session.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
      if (session.starts_at <= now) throw new SessionNotBookableError('This session has already started')
      return [session]
    }
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
   */
  async function createBookingInTx(tx: Executor, userId: string, idempotencyKey: string, body: CreateBookingBody): Promise<CreateBookingAnswer> {
    const mock = ctx.paymentsMode === 'mock'
    const withCredits = body.payment_method === 'credits'
    const hash = requestHash('POST /api/bookings', body)
    const now = clock.now()
    const claim = await claimIdempotencyKey(tx, userId, idempotencyKey, hash, now)
    if (claim.kind === 'replay') return { status: claim.code, body: claim.body as CreateBookingResponse }
    const repo = bookingsRepository(tx)

    const listing = await repo.findListing(body.listing_id)
    if (!listing || listing.status !== 'approved') throw new ListingNotFoundError()
    const plan = await repo.findPlanOption(body.plan_option_id)
    if (!plan || plan.listing_id !== listing.id || !plan.active) throw new PlanOptionNotFoundError()
    const kids = await repo.findChildrenOf(userId, body.child_ids)
    if (kids.length !== body.child_ids.length) throw new ChildNotFoundError()
    const wallet = ctx.wallet
    if (withCredits && (plan.credits_price === null || !wallet)) throw new CreditsNotAcceptedError()
    // the plan option's credits price, per child
    const credits = withCredits ? plan.credits_price! * kids.length : 0
    if (credits > 0) await wallet!.ensureUsable(tx, userId, credits)
    // credits, mock money and a free plan confirm at once; Razorpay money holds the seats until paid
    const free = !withCredits && plan.price === 0
    const instant = mock || withCredits || free

    const targets = await sessionsToBook(repo, listing.id, plan.kind, plan.validity_days, body, now)
    const first = targets[0]!
    const day = localDate(first.starts_at, listing.timezone)
    for (const kid of kids) {
      const age = ageOnDate(kid.date_of_birth, day)
      if (age < listing.age_min || age > listing.age_max) throw new ChildAgeMismatchError(firstName(kid.name), age, listing.age_min, listing.age_max)
    }
    const validUntil = plan.kind === 'pack' && plan.validity_days ? new Date(now.getTime() + plan.validity_days * DAY_MS) : null
    if (validUntil && first.starts_at > validUntil) throw new OutsideValidityError()
    if (plan.kind === 'trial') {
      const used = await tx
        .select({ child_id: trialUses.child_id })
        .from(trialUses)
        .where(and(eq(trialUses.listing_id, listing.id), inArray(trialUses.child_id, body.child_ids)))
      if (used.length > 0) throw new TrialAlreadyUsedError()
    }
    if (!instant) {
      // one customer's holds are counted under a lock on their row, so parallel requests cannot all slip under the cap
      await repo.lockUser(userId)
      const holds = await repo.countActiveHolds(userId, now)
      if (holds.count >= ctx.maxPendingHolds)
        throw new TooManyHoldsError(ctx.maxPendingHolds, holds.earliest ? (holds.earliest.getTime() - now.getTime()) / 1000 : 60)
    }
    if (await repo.childAlreadyBooked(targets.map((s) => s.id), body.child_ids)) throw new ChildAlreadyBookedError()

    const seats = kids.length
    await takeSeatsOrThrow(repo, targets, seats, now)

    const bookingId = ids.next()
    // an admin's booking_hold_minutes (GET /api/admin/config) when set, BOOKING_HOLD_MINUTES otherwise
    const holdMinutes = instant ? 0 : ((await readSetting(tx, 'booking_hold_minutes')) ?? ctx.holdMinutes)
    const holdExpiresAt = instant ? null : new Date(now.getTime() + holdMinutes * MINUTE_MS)
    const booking = await repo.insertBooking({
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
      hold_expires_at: holdExpiresAt,
      confirmed_at: instant ? now : null,
      sessions_remaining: plan.kind === 'pack' ? Math.max(0, plan.sessions_count - 1) : 0,
      valid_until: validUntil,
      created_at: now,
      updated_at: now,
    })
    await repo.insertBookingSessions(
      targets.map((s) => ({ id: ids.next(), booking_id: bookingId, session_id: s.id, seats, status: instant ? ('booked' as const) : ('held' as const), created_at: now })),
    )
    // after the seats: the wallet's lock is always taken second (see the credits module's wallet-port.ts)
    if (credits > 0) await wallet!.spend(tx, { user_id: userId, booking_id: bookingId, credits, reason: `Booked ${listing.title} (${plan.name})` })
    if (plan.kind === 'trial' && (await repo.claimTrials(listing.id, body.child_ids, bookingId, now)) !== body.child_ids.length) throw new TrialAlreadyUsedError()
    // mock payments confirm at once: the invoice is issued in the same transaction (credits were invoiced when bought)
    if (mock && !withCredits) await issueInvoiceForBooking(tx, bookingId, now)
    if (instant) await ctx.earnBadges?.(tx, { user_id: userId, event_key: `booking-confirmed:${bookingId}` })
    if (instant) await ctx.notify?.(tx, { user_id: userId, kind: 'booking_confirmed', event_key: `booking-confirmed:${bookingId}`, data: { booking_id: bookingId, listing_id: listing.id, amount: plan.price * seats, starts_at: first.starts_at.toISOString() } })
    if (holdExpiresAt) await jobs.send(EXPIRE_HOLD_JOB, { booking_id: bookingId }, { tx, startAfter: holdExpiresAt, singletonKey: bookingId })

    const answer: CreateBookingResponse = { booking: await toBookingView(tx, booking), payment: null }
    await completeIdempotencyKey(tx, userId, idempotencyKey, 201, answer)
    return { status: 201, body: answer }
  }

  return {
    createBookingInTx,
    /** POST /api/bookings: the booking in its own transaction. */
    createBooking: (userId: string, idempotencyKey: string, body: CreateBookingBody) => db.transaction((tx) => createBookingInTx(tx, userId, idempotencyKey, body)),
  }
}
