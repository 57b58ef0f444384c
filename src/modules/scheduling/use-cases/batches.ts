// A partner's batches: recurring slots whose sessions are generated for the rolling horizon and kept in step on edits.
import { and, eq, gte } from 'drizzle-orm'
import { sessions } from '../../../db/schema/scheduling.js'
import type { PageOf, PageQuery } from '../../../shared/schemas.js'
import { pageOffset } from '../../../shared/schemas.js'
import { getOwnedListing, type SchedulingDeps } from '../scheduling-context.js'
import { BatchInactiveError, BatchNotFoundError, CapacityBelowBookedError, InvalidBatchError } from '../scheduling.errors.js'
import { schedulingRepository } from '../scheduling.repository.js'
import type { BatchRemovalResponse, BatchResponse, CreateBatchBody, UpdateBatchBody } from '../scheduling.schemas.js'
import { batchView } from '../scheduling-views.js'
import { extendBatchSessions, regenerateBatchSessions } from '../session-horizon.js'
import { isKnownTimeZone, localDateOf } from '../session-generator.js'

function checkBatch(batch: { start_date: string; end_date: string | null }, timezone: string, now: Date): void {
  if (!isKnownTimeZone(timezone)) throw new InvalidBatchError('INVALID_TIME_ZONE', `The listing’s time zone ${timezone} is not a known IANA zone`)
  if (batch.end_date !== null && batch.end_date < batch.start_date) throw new InvalidBatchError('INVALID_BATCH_DATES', 'end_date must be on or after start_date')
  if (batch.end_date !== null && batch.end_date < localDateOf(now, timezone)) throw new InvalidBatchError('INVALID_BATCH_DATES', 'end_date is in the past')
}

const sortedWeekdays = (weekdays: readonly number[]) => [...new Set(weekdays)].sort((a, b) => a - b)

export function createBatchUseCases({ db, clock, ids }: SchedulingDeps) {
  return {
    async listBatches(userId: string, listingId: string, query: PageQuery): Promise<PageOf<BatchResponse>> {
      const listing = await getOwnedListing(db, userId, listingId)
      const { items, total } = await schedulingRepository(db).listBatches(listing.id, clock.now(), { activeOnly: false, ...pageOffset(query) })
      return { items: items.map((b) => batchView(b, b.upcoming_sessions)), total, page: query.page, page_size: query.page_size }
    },

    /** Creates the batch and its sessions for the next 8 weeks, in one transaction. */
    async createBatch(userId: string, listingId: string, body: CreateBatchBody): Promise<BatchResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const listing = await getOwnedListing(tx, userId, listingId)
        const fields = {
          name: body.name?.trim() ?? '',
          weekdays: sortedWeekdays(body.weekdays),
          start_time: body.start_time,
          duration_minutes: body.duration_minutes,
          start_date: body.start_date,
          end_date: body.end_date ?? null,
          capacity: body.capacity,
          instructor_name: body.instructor_name?.trim() || null,
        }
        checkBatch(fields, listing.timezone, now)
        const repo = schedulingRepository(tx)
        const batch = await repo.insertBatch({ id: ids.next(), listing_id: listing.id, ...fields, active: true, created_at: now, updated_at: now })
        await extendBatchSessions(tx, batch, listing.timezone, now)
        return batchView(batch, await repo.countUpcoming(batch.id, now))
      })
    },

    /**
     * Edits a batch and regenerates its future sessions that nobody booked; booked sessions keep their time. A new capacity
     * goes to every future session, so it can be no lower than the most seats taken in one (409 CAPACITY_BELOW_BOOKED).
     */
    async updateBatch(userId: string, listingId: string, batchId: string, body: UpdateBatchBody): Promise<BatchResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const listing = await getOwnedListing(tx, userId, listingId)
        const repo = schedulingRepository(tx)
        const current = await repo.findBatch(listing.id, batchId)
        if (!current) throw new BatchNotFoundError()
        if (!current.active) throw new BatchInactiveError()
        const changes = {
          ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          ...(body.weekdays !== undefined ? { weekdays: sortedWeekdays(body.weekdays) } : {}),
          ...(body.start_time !== undefined ? { start_time: body.start_time } : {}),
          ...(body.duration_minutes !== undefined ? { duration_minutes: body.duration_minutes } : {}),
          ...(body.start_date !== undefined ? { start_date: body.start_date } : {}),
          ...(body.end_date !== undefined ? { end_date: body.end_date } : {}),
          ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
          ...(body.instructor_name !== undefined ? { instructor_name: body.instructor_name?.trim() || null } : {}),
        }
        checkBatch({ ...current, ...changes }, listing.timezone, now)
        const capacityChanged = changes.capacity !== undefined && changes.capacity !== current.capacity
        if (changes.capacity !== undefined && capacityChanged) {
          // the future sessions are locked first, so no booking can take a seat between this check and the update
          await repo.lockFutureBatchSessions(current.id, now)
          const taken = await repo.maxSeatsTaken(and(eq(sessions.batch_id, current.id), gte(sessions.starts_at, now)))
          if (taken > changes.capacity) throw new CapacityBelowBookedError(changes.capacity, taken)
        }
        const batch = await repo.updateBatch(current.id, { ...changes, updated_at: now })
        await regenerateBatchSessions(tx, batch, listing.timezone, now, { capacityChanged })
        return batchView(batch, await repo.countUpcoming(batch.id, now))
      })
    },

    /**
     * Future sessions nobody booked go (deleted, or cancelled if a released booking names them); booked ones stay and
     * go ahead. The batch itself is deleted when nothing names it any more, else deactivated (it makes no new sessions).
     */
    async removeBatch(userId: string, listingId: string, batchId: string): Promise<BatchRemovalResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const listing = await getOwnedListing(tx, userId, listingId)
        const repo = schedulingRepository(tx)
        const batch = await repo.findBatch(listing.id, batchId)
        if (!batch) throw new BatchNotFoundError()
        const future = await repo.lockFutureBatchSessions(batch.id, now)
        const booked = future.filter((s) => s.seats_taken > 0)
        const free = future.filter((s) => s.seats_taken === 0)
        const removed = await repo.removeSessions(free.map((s) => s.id))
        const referenced = await repo.isBatchReferenced(batch.id)
        if (referenced) await repo.updateBatch(batch.id, { active: false, updated_at: now })
        else await repo.deleteBatch(batch.id)
        return {
          id: batch.id,
          outcome: referenced ? 'deactivated' : 'deleted',
          sessions_removed: removed.deleted + removed.cancelled,
          sessions_kept: booked.length,
        }
      })
    },
  }
}
