// One-off sessions (camp days, events) and a partner's changes to any single session: time, capacity, cancellation.
import { eq } from 'drizzle-orm'
import { sessions } from '../../../db/schema/scheduling.js'
import { MINUTE_MS } from '../../../shared/clock.js'
import type { PageOf } from '../../../shared/schemas.js'
import { pageOffset } from '../../../shared/schemas.js'
import { getPartnerOfUser } from '../../partners/index.js'
import { getOwnedListing, type SchedulingDeps } from '../scheduling-context.js'
import {
  BatchSessionTimeError, CapacityBelowBookedError, InvalidSessionTimeError, SessionBookedError, SessionCancelledError, SessionInPastError,
  SessionNotFoundError,
} from '../scheduling.errors.js'
import { schedulingRepository } from '../scheduling.repository.js'
import type { CreateSessionBody, ListSessionsQuery, SessionResponse, UpdateSessionBody } from '../scheduling.schemas.js'
import { sessionView } from '../scheduling-views.js'

const PARTNER_CANCEL_REASON = 'The session was cancelled by the organiser'

/** The end of a session from ends_at or duration_minutes (exactly one), after its start. */
function endOf(startsAt: Date, body: { ends_at?: string | undefined; duration_minutes?: number | undefined }, fallback?: Date): Date {
  if (body.ends_at !== undefined && body.duration_minutes !== undefined) throw new InvalidSessionTimeError('Send ends_at or duration_minutes, not both')
  const endsAt =
    body.ends_at !== undefined
      ? new Date(body.ends_at)
      : body.duration_minutes !== undefined
        ? new Date(startsAt.getTime() + body.duration_minutes * MINUTE_MS)
        : fallback
  if (!endsAt) throw new InvalidSessionTimeError('Send ends_at or duration_minutes')
  if (endsAt.getTime() <= startsAt.getTime()) throw new InvalidSessionTimeError('ends_at must be after starts_at')
  return endsAt
}

export function createSessionUseCases({ db, clock, ids, sessionBookings }: SchedulingDeps) {
  return {
    async listSessions(userId: string, listingId: string, query: ListSessionsQuery): Promise<PageOf<SessionResponse>> {
      const listing = await getOwnedListing(db, userId, listingId)
      const { limit, offset } = pageOffset(query)
      const { items, total } = await schedulingRepository(db).listSessions(
        listing.id,
        {
          from: query.from ? new Date(query.from) : undefined,
          until: query.until ? new Date(query.until) : undefined,
          batchId: query.batch_id,
          status: query.status,
        },
        limit,
        offset,
      )
      return { items: items.map(sessionView), total, page: query.page, page_size: query.page_size }
    },

    async createSession(userId: string, listingId: string, body: CreateSessionBody): Promise<SessionResponse> {
      const now = clock.now()
      const startsAt = new Date(body.starts_at)
      if (startsAt.getTime() <= now.getTime()) throw new InvalidSessionTimeError('starts_at must be in the future')
      const endsAt = endOf(startsAt, body)
      const listing = await getOwnedListing(db, userId, listingId)
      const row = await schedulingRepository(db).insertSession({
        id: ids.next(),
        listing_id: listing.id,
        batch_id: null,
        starts_at: startsAt,
        ends_at: endsAt,
        capacity: body.capacity,
        seats_taken: 0,
        status: 'scheduled',
        created_at: now,
      })
      return sessionView(row)
    },

    /**
     * Moves a session that nobody booked (a batch's sessions follow their batch: 409 BATCH_SESSION_TIME_FIXED) or changes
     * its capacity, down to the seats already taken at most (409 CAPACITY_BELOW_BOOKED).
     */
    async updateSession(userId: string, sessionId: string, body: UpdateSessionBody): Promise<SessionResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const partnerId = (await getPartnerOfUser(tx, userId)).id
        const repo = schedulingRepository(tx)
        const session = await repo.findOwnedSession(partnerId, sessionId)
        if (!session) throw new SessionNotFoundError()
        if (session.status === 'cancelled') throw new SessionCancelledError()
        if (session.starts_at.getTime() <= now.getTime()) throw new SessionInPastError()
        const changes: Partial<typeof sessions.$inferInsert> = {}
        const moves = body.starts_at !== undefined || body.ends_at !== undefined || body.duration_minutes !== undefined
        if (moves) {
          const startsAt = body.starts_at !== undefined ? new Date(body.starts_at) : session.starts_at
          const keptLength = new Date(startsAt.getTime() + (session.ends_at.getTime() - session.starts_at.getTime()))
          const endsAt = endOf(startsAt, body, keptLength)
          const changed = startsAt.getTime() !== session.starts_at.getTime() || endsAt.getTime() !== session.ends_at.getTime()
          if (changed) {
            if (session.batch_id !== null) throw new BatchSessionTimeError()
            if (session.seats_taken > 0) throw new SessionBookedError()
            if (startsAt.getTime() <= now.getTime()) throw new InvalidSessionTimeError('starts_at must be in the future')
            changes.starts_at = startsAt
            changes.ends_at = endsAt
          }
        }
        if (body.capacity !== undefined) {
          if (body.capacity < session.seats_taken) throw new CapacityBelowBookedError(body.capacity, session.seats_taken)
          changes.capacity = body.capacity
        }
        const row = Object.keys(changes).length ? await repo.updateSession(session.id, changes) : session
        return sessionView(row)
      })
    },

    /**
     * A session with seats taken is cancelled and its bookings go to the bookings module (refunds, pack credits); so is
     * a batch's session (so the rolling generation does not make it again). A one-off session nobody booked is deleted.
     */
    async removeSession(userId: string, sessionId: string): Promise<{ id: string; outcome: 'deleted' | 'cancelled' }> {
      const now = clock.now()
      await sessionBookings?.prepareJobs?.()
      return db.transaction(async (tx) => {
        const partnerId = (await getPartnerOfUser(tx, userId)).id
        const repo = schedulingRepository(tx)
        const session = await repo.findOwnedSession(partnerId, sessionId)
        if (!session) throw new SessionNotFoundError()
        if (session.status === 'cancelled') return { id: session.id, outcome: 'cancelled' as const }
        if (session.starts_at.getTime() <= now.getTime()) throw new SessionInPastError()
        if (session.seats_taken > 0 || session.batch_id !== null) {
          if (session.seats_taken > 0) await sessionBookings?.cancelBookingsForSession(tx, session.id, PARTNER_CANCEL_REASON)
          await tx.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id))
          return { id: session.id, outcome: 'cancelled' as const }
        }
        const { deleted } = await repo.removeSessions([session.id])
        return { id: session.id, outcome: deleted ? ('deleted' as const) : ('cancelled' as const) }
      })
    },
  }
}
