// What other modules read of plan options, batches and sessions; each runs on the caller's executor (its transaction).
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import { batches, planOptions, sessions } from '../../db/schema/scheduling.js'
import { venueListingIds } from '../listings/index.js'
import type { VenueSessionsPort } from '../partners/index.js'
import type { PlanOptionRow, SessionRow } from './scheduling.repository.js'

export async function findPlanOption(executor: Executor, id: string): Promise<PlanOptionRow | undefined> {
  const [row] = await executor.select().from(planOptions).where(eq(planOptions.id, id))
  return row
}

/** The kinds of these plan options (`single`, `pack`, …), for views that show them. */
export async function findPlanKinds(executor: Executor, ids: readonly string[]): Promise<Array<Pick<PlanOptionRow, 'id' | 'kind'>>> {
  if (ids.length === 0) return []
  return executor.select({ id: planOptions.id, kind: planOptions.kind }).from(planOptions).where(inArray(planOptions.id, [...ids]))
}

export async function findSession(executor: Executor, id: string): Promise<SessionRow | undefined> {
  const [row] = await executor.select().from(sessions).where(eq(sessions.id, id))
  return row
}

/** The session's row, locked: what the waitlist holds while it changes a session's line. */
export async function lockSession(executor: Executor, id: string): Promise<SessionRow | undefined> {
  const [row] = await executor.select().from(sessions).where(eq(sessions.id, id)).for('update')
  return row
}

export async function findSessions(executor: Executor, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return []
  return executor.select().from(sessions).where(inArray(sessions.id, [...ids]))
}

export async function findBatch(executor: Executor, id: string): Promise<{ id: string; listing_id: string } | undefined> {
  const [row] = await executor.select({ id: batches.id, listing_id: batches.listing_id }).from(batches).where(eq(batches.id, id))
  return row
}

/** Scheduled sessions of a batch starting in [from, to), earliest first. */
export async function findBatchSessions(executor: Executor, batchId: string, from: Date, to: Date): Promise<SessionRow[]> {
  return executor
    .select()
    .from(sessions)
    .where(and(eq(sessions.batch_id, batchId), eq(sessions.status, 'scheduled'), sql`${sessions.starts_at} >= ${from.toISOString()}::timestamptz`, sql`${sessions.starts_at} < ${to.toISOString()}::timestamptz`))
    .orderBy(asc(sessions.starts_at))
}

export interface OpenSessionsFilter {
  listingId: string
  /** Only this batch's sessions (plans are tied to their batch). */
  batchId?: string | null
  after: Date
  /** Only sessions starting no later than this (a plan's validity). */
  until?: Date | null
  seats: number
}

/** Scheduled sessions of a listing with room for `seats`, earliest first (at most 100). */
export async function findOpenSessions(executor: Executor, filter: OpenSessionsFilter): Promise<SessionRow[]> {
  return executor
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.listing_id, filter.listingId),
        eq(sessions.status, 'scheduled'),
        gt(sessions.starts_at, filter.after),
        sql`${sessions.capacity} - ${sessions.seats_taken} >= ${filter.seats}::int`,
        filter.batchId ? eq(sessions.batch_id, filter.batchId) : undefined,
        filter.until ? sql`${sessions.starts_at} <= ${filter.until.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(asc(sessions.starts_at))
    .limit(100)
}

/** Scheduled sessions to come with a free seat, and how many, as a subquery a caller filters in its own single query. */
export function sessionsWithFreeSeats(executor: Executor, now: Date) {
  return executor
    .select({ id: sessions.id, free_seats: sql<number>`${sessions.capacity} - ${sessions.seats_taken}`.as('free_seats') })
    .from(sessions)
    .where(and(eq(sessions.status, 'scheduled'), gt(sessions.starts_at, now), sql`${sessions.seats_taken} < ${sessions.capacity}`))
    .as('open_sessions')
}

/** Locks the sessions' rows in id order, so that two use cases touching the same sessions never deadlock. */
export async function lockSessions(executor: Executor, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort()
  if (sorted.length === 0) return
  await queryRows(executor, sql`select id from sessions where id in (${sql.join(sorted.map((id) => sql`${id}::uuid`), sql`, `)}) order by id for update`)
}

/** The venues side of scheduling (VenueSessionsPort): a venue with sessions still to come is not deleted. */
export const venueSessions: VenueSessionsPort = {
  async upcomingSessionsAt(tx, venueId, now) {
    const [row] = await tx
      .select({ count: sql<number>`count(*)::int`, next_epoch: sql<number | null>`extract(epoch from min(${sessions.starts_at}))::float8` })
      .from(sessions)
      .where(and(inArray(sessions.listing_id, venueListingIds(tx, venueId)), eq(sessions.status, 'scheduled'), gt(sessions.starts_at, now)))
    const nextEpoch = row?.next_epoch === null || row?.next_epoch === undefined ? undefined : Number(row.next_epoch)
    return { count: Number(row?.count ?? 0), next: nextEpoch === undefined ? undefined : new Date(nextEpoch * 1000) }
  },
}
