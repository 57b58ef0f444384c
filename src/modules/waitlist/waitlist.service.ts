// The waitlist: families line up for a full session; seats freed by any release path in the bookings module are offered,
// held in sessions.seats_taken, to the first family in line whose children fit, for WAITLIST_OFFER_MINUTES.
//
// How freed seats reach the line: the bookings module calls `onSeatsReleased(tx, sessionId)` in the releasing transaction;
// it enqueues a `waitlist.offer` job there (createOfferTrigger), and the job runs offerFreedSeats in its own transaction
// right after the commit. A failing or slow waitlist thus never blocks a cancellation, and a session cancelled in the
// same transaction gets no offer. Until the job runs (normally well under a second) a freed seat can be booked directly.
// Every change to a line locks the session's row first, so one seat is never held for two families at once.
import type { Db, Executor } from '../../db/database.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import { MINUTE_MS } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import type { CreateBookingBody, CreateBookingResponse } from '../bookings/index.js'
import { ChildNotFoundError } from '../auth/index.js'
import { SessionNotBookableError } from '../bookings/index.js'
import { SessionNotFoundError } from '../scheduling/index.js'
import type { Notify } from '../notifications/index.js'
import { AlreadyWaitlistedError, NoActiveOfferError, SessionHasSeatsError, WaitlistEntryNotFoundError } from './waitlist.errors.js'
import { waitlistRepository, type ClosedEntryStatus, type ClosedOfferStatus, type OfferRow } from './waitlist.repository.js'
import type { AcceptOfferBody, WaitlistEntryResponse } from './waitlist.schemas.js'

export const OFFER_JOB = 'waitlist.offer'
export const EXPIRE_OFFER_JOB = 'waitlist.expire-offer'
export const SWEEP_WAITLISTS_JOB = 'waitlist.sweep'

export interface MadeOffer {
  offer_id: string
  entry_id: string
  user_id: string
  session_id: string
  seats: number
  expires_at: Date
}

export interface BookingAnswer {
  status: number
  body: CreateBookingResponse
}

export interface WaitlistBookings {
  /** createBooking inside the caller's transaction, without the payment step (no HTTP call inside a transaction). */
  createBookingInTx(tx: Executor, userId: string, idempotencyKey: string, body: CreateBookingBody): Promise<BookingAnswer>
  /** After the commit, in PAYMENTS_MODE test/live: the answer gains its Razorpay order. */
  startPayment(userId: string, idempotencyKey: string, answer: BookingAnswer): Promise<BookingAnswer>
}

export interface OfferDeps {
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  offerMinutes: number
  /** Tells the family of an offer and of its expiry, in the transaction that makes or lapses it. */
  notify?: Notify
}

export interface WaitlistDeps extends OfferDeps {
  db: Db
  /** The bookings module's use cases for booking offered seats inside the waitlist's transaction, then paying after it. */
  bookings: WaitlistBookings
  /** Where offers are told until notifications by email, SMS and push exist: one structured log line per offer. */
  logger: { info(obj: object, msg: string): void }
}

/** For BookingsDeps.onSeatsReleased: enqueues the offer of a session's freed seats in the releasing transaction. */
export function createOfferTrigger(jobs: JobQueue) {
  return async (tx: Executor, sessionId: string): Promise<void> => {
    await jobs.send(OFFER_JOB, { session_id: sessionId }, { tx })
  }
}

/**
 * Offers a session's free seats to its line, in the caller's transaction: the first waiting family whose children fit
 * gets the seats held (the conditional UPDATE on seats_taken) until the offer expires, then the next, while seats are free.
 * Nothing happens for a session no longer scheduled or already started. Returns the offers made, to notify after commit.
 */
export async function offerFreedSeats(tx: Executor, sessionId: string, deps: OfferDeps): Promise<MadeOffer[]> {
  const repo = waitlistRepository(tx)
  const now = deps.clock.now()
  const session = await repo.lockSession(sessionId)
  if (!session || session.status !== 'scheduled' || session.starts_at <= now) return []
  let free = session.capacity - session.seats_taken
  if (free <= 0) return []
  const made: MadeOffer[] = []
  for (const entry of await repo.lockWaitingLine(sessionId)) {
    if (free <= 0) break
    if (entry.seats > free) continue
    if (!(await repo.takeSeats(sessionId, entry.seats, now))) break
    const offerId = deps.ids.next()
    const expiresAt = new Date(now.getTime() + deps.offerMinutes * MINUTE_MS)
    await repo.insertOffer({ id: offerId, entry_id: entry.id, session_id: sessionId, seats: entry.seats, expires_at: expiresAt, now })
    await repo.setEntryStatus(entry.id, 'offered', now)
    await deps.jobs.send(EXPIRE_OFFER_JOB, { offer_id: offerId }, { tx, startAfter: expiresAt, singletonKey: offerId })
    await deps.notify?.(tx, { user_id: entry.user_id, kind: 'waitlist_offer', event_key: `waitlist-offer:${offerId}`, data: { entry_id: entry.id, session_id: sessionId, seats: entry.seats, expires_at: expiresAt.toISOString(), listing_id: session.listing_id } })
    made.push({ offer_id: offerId, entry_id: entry.id, user_id: entry.user_id, session_id: sessionId, seats: entry.seats, expires_at: expiresAt })
    free -= entry.seats
  }
  return made
}

export function createWaitlistService(deps: WaitlistDeps) {
  const { db, clock, ids } = deps

  /** Tells each family about its offer, after the offer is committed. */
  function notify(offers: readonly MadeOffer[]): void {
    for (const o of offers) {
      const body = `${o.seats} seat(s) are held for you until ${o.expires_at.toISOString()}: accept waitlist entry ${o.entry_id} to book them.`
      deps.logger.info({ user_id: o.user_id, subject: 'Seats are free for you' }, body)
    }
  }

  /** Closes a locked active offer, gives its seats back and closes the entry; then offers the seats to the next in line. */
  async function closeOffer(tx: Executor, offer: OfferRow, status: ClosedOfferStatus, entryStatus: ClosedEntryStatus): Promise<MadeOffer[]> {
    const repo = waitlistRepository(tx)
    const now = clock.now()
    await repo.closeOffer(offer.id, status, now)
    await repo.releaseSeats(offer.session_id, offer.seats)
    await repo.setEntryStatus(offer.entry_id, entryStatus, now)
    return offerFreedSeats(tx, offer.session_id, deps)
  }

  /** The caller's entry (404 otherwise) with its session locked first, then the entry, then its active offer. */
  async function lockOwnEntry(tx: Executor, userId: string, entryId: string) {
    const repo = waitlistRepository(tx)
    const found = await repo.findEntry(entryId)
    if (!found || found.user_id !== userId) throw new WaitlistEntryNotFoundError()
    const session = (await repo.lockSession(found.session_id))!
    const entry = (await repo.lockEntry(entryId))!
    const offer = entry.status === 'offered' ? await repo.lockActiveOfferOf(entryId) : undefined
    return { session, entry, offer }
  }

  async function entryView(userId: string, entryId: string): Promise<WaitlistEntryResponse> {
    const { rows } = await waitlistRepository(db).listLiveEntries(userId, 1000, 0)
    const row = rows.find((r) => r.id === entryId)
    if (!row) throw new WaitlistEntryNotFoundError()
    return toView(row)
  }

  const service = {
    async joinWaitlist(userId: string, sessionId: string, childIds: string[]): Promise<WaitlistEntryResponse> {
      const now = clock.now()
      const entryId = ids.next()
      await db.transaction(async (tx) => {
        const repo = waitlistRepository(tx)
        if (!(await repo.findPublicSession(sessionId))) throw new SessionNotFoundError()
        if ((await repo.countOwnChildren(userId, childIds)) !== childIds.length) throw new ChildNotFoundError()
        const session = (await repo.lockSession(sessionId))!
        if (session.status !== 'scheduled') throw new SessionNotBookableError('This session was cancelled')
        if (session.starts_at <= now) throw new SessionNotBookableError('This session has already started')
        if (session.capacity - session.seats_taken >= childIds.length) throw new SessionHasSeatsError()
        if (await repo.lockLiveEntryOf(userId, sessionId)) throw new AlreadyWaitlistedError()
        if (!(await repo.insertEntry({ id: entryId, session_id: sessionId, user_id: userId, child_ids: childIds, seats: childIds.length, now }))) throw new AlreadyWaitlistedError()
      })
      return entryView(userId, entryId)
    },

    async leaveWaitlist(userId: string, sessionId: string): Promise<void> {
      const offers = await db.transaction(async (tx) => {
        const repo = waitlistRepository(tx)
        if (!(await repo.lockSession(sessionId))) throw new WaitlistEntryNotFoundError()
        const entry = await repo.lockLiveEntryOf(userId, sessionId)
        if (!entry) throw new WaitlistEntryNotFoundError()
        const offer = entry.status === 'offered' ? await repo.lockActiveOfferOf(entry.id) : undefined
        if (offer) return closeOffer(tx, offer, 'withdrawn', 'left')
        await repo.setEntryStatus(entry.id, 'left', clock.now())
        return []
      })
      notify(offers)
    },

    async listMyWaitlist(userId: string, query: PageQuery): Promise<PageOf<WaitlistEntryResponse>> {
      const { limit, offset } = pageOffset(query)
      const { rows, total } = await waitlistRepository(db).listLiveEntries(userId, limit, offset)
      return { items: rows.map(toView), total, page: query.page, page_size: query.page_size }
    },

    /** Books the offered seats: they are given back and taken again by the booking, under the session's lock. */
    async acceptOffer(userId: string, entryId: string, choice: AcceptOfferBody): Promise<BookingAnswer> {
      const now = clock.now()
      const request = await db.transaction(async (tx) => {
        const { session, entry, offer } = await lockOwnEntry(tx, userId, entryId)
        if (!offer || offer.expires_at <= now) throw new NoActiveOfferError()
        const repo = waitlistRepository(tx)
        await repo.releaseSeats(offer.session_id, offer.seats)
        await repo.closeOffer(offer.id, 'accepted', now)
        const key = `waitlist-offer-${offer.id}`
        const body: CreateBookingBody = {
          listing_id: session.listing_id, plan_option_id: choice.plan_option_id, session_id: session.id, child_ids: entry.child_ids,
          ...(choice.payment_method ? { payment_method: choice.payment_method } : {}),
        }
        const answer = await deps.bookings.createBookingInTx(tx, userId, key, body)
        await repo.setEntryStatus(entry.id, 'booked', now, answer.body.booking.id)
        return { key, answer }
      })
      return deps.bookings.startPayment(userId, request.key, request.answer)
    },

    async declineOffer(userId: string, entryId: string): Promise<void> {
      const offers = await db.transaction(async (tx) => {
        const { offer } = await lockOwnEntry(tx, userId, entryId)
        if (!offer) throw new NoActiveOfferError()
        return closeOffer(tx, offer, 'declined', 'declined')
      })
      notify(offers)
    },

    /** The `waitlist.offer` job: offers a session's free seats to its line. */
    async offerSession(sessionId: string): Promise<MadeOffer[]> {
      const offers = await db.transaction((tx) => offerFreedSeats(tx, sessionId, deps))
      notify(offers)
      return offers
    },

    /**
     * The `waitlist.sweep` cron, a safety net behind the jobs: offers free seats of sessions that still have a line (seats
     * released by a path that enqueued no offer), and lapses offers whose expiry job has not run. Returns offers made.
     */
    async sweepWaitlists(): Promise<number> {
      const repo = waitlistRepository(db)
      const now = clock.now()
      for (const offerId of await repo.findLapsedOffers(now)) await service.expireOffer(offerId)
      let made = 0
      for (const sessionId of await repo.findSessionsWithFreeSeatsAndLine(now)) made += (await service.offerSession(sessionId)).length
      return made
    },

    /** The `waitlist.expire-offer` job: a lapsed offer gives its seats to the next family in line. Idempotent. */
    async expireOffer(offerId: string): Promise<'expired' | 'not_due' | 'unchanged'> {
      const now = clock.now()
      const found = await waitlistRepository(db).findOffer(offerId)
      if (!found || found.status !== 'active') return 'unchanged'
      const result = await db.transaction(async (tx) => {
        const repo = waitlistRepository(tx)
        const session = await repo.lockSession(found.session_id)
        const offer = await repo.lockActiveOfferOf(found.entry_id)
        if (!offer || offer.id !== offerId) return { outcome: 'unchanged' as const, offers: [] }
        if (offer.expires_at > now) return { outcome: 'not_due' as const, offers: [] }
        const lapsed = await repo.findEntry(offer.entry_id)
        if (lapsed) await deps.notify?.(tx, { user_id: lapsed.user_id, kind: 'waitlist_offer_expired', event_key: `waitlist-offer-expired:${offer.id}`, data: { entry_id: offer.entry_id, session_id: offer.session_id, ...(session ? { listing_id: session.listing_id } : {}) } })
        return { outcome: 'expired' as const, offers: await closeOffer(tx, offer, 'expired', 'lapsed') }
      })
      notify(result.offers)
      return result.outcome
    },
  }
  return service
}

export type WaitlistService = ReturnType<typeof createWaitlistService>

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString()

function toView(r: Awaited<ReturnType<ReturnType<typeof waitlistRepository>['listLiveEntries']>>['rows'][number]): WaitlistEntryResponse {
  return {
    id: r.id,
    session_id: r.session_id,
    listing_id: r.listing_id,
    listing_title: r.listing_title,
    starts_at: iso(r.starts_at),
    child_ids: r.child_ids,
    seats: r.seats,
    status: r.status,
    position: r.position,
    offer: r.offer_id && r.offer_seats !== null && r.offer_expires_at !== null ? { id: r.offer_id, seats: r.offer_seats, expires_at: iso(r.offer_expires_at) } : null,
    booking_id: r.booking_id,
    created_at: iso(r.created_at),
  }
}
