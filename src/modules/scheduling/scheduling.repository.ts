// Reads and writes of plan options, batches and sessions.
import { and, asc, count, eq, gt, gte, inArray, lt, max, ne, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows, readAll } from '../../db/query.js'
import { batches, planOptions, sessions } from '../../db/schema/scheduling.js'
import { listingZones } from '../listings/index.js'
import type { GeneratedSession } from './session-generator.js'
import { isBatchReferenced, isPlanOptionBooked, unreferenced } from './session-references.js'

export type PlanOptionRow = typeof planOptions.$inferSelect
export type BatchRow = typeof batches.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export function schedulingRepository(db: Executor) {
  return {
    // ---- plan options ----

    async listPlanOptions(listingId: string, options: { activeOnly: boolean; limit: number; offset: number }) {
      const where = and(eq(planOptions.listing_id, listingId), options.activeOnly ? eq(planOptions.active, true) : undefined)
      const [items, [total]] = await readAll(
        db,
        () =>
          db.select().from(planOptions).where(where).orderBy(asc(planOptions.sort_order), asc(planOptions.price), asc(planOptions.id)).limit(options.limit).offset(options.offset),
        () => db.select({ n: count() }).from(planOptions).where(where),
      )
      return { items, total: total?.n ?? 0 }
    },

    async findPlanOption(listingId: string, optionId: string): Promise<PlanOptionRow | undefined> {
      const [row] = await db.select().from(planOptions).where(and(eq(planOptions.id, optionId), eq(planOptions.listing_id, listingId))).limit(1).for('update')
      return row
    },

    async hasActiveTrial(listingId: string, exceptId?: string): Promise<boolean> {
      const [row] = await db
        .select({ id: planOptions.id })
        .from(planOptions)
        .where(and(eq(planOptions.listing_id, listingId), eq(planOptions.kind, 'trial'), eq(planOptions.active, true), exceptId ? ne(planOptions.id, exceptId) : undefined))
        .limit(1)
      return row !== undefined
    },

    isPlanOptionBooked: (optionId: string): Promise<boolean> => isPlanOptionBooked(db, optionId),

    async insertPlanOption(values: typeof planOptions.$inferInsert): Promise<PlanOptionRow> {
      const [row] = await db.insert(planOptions).values(values).returning()
      return row!
    },

    async updatePlanOption(id: string, changes: Partial<typeof planOptions.$inferInsert>): Promise<PlanOptionRow> {
      const [row] = await db.update(planOptions).set(changes).where(eq(planOptions.id, id)).returning()
      return row!
    },

    async deletePlanOption(id: string): Promise<void> {
      await db.delete(planOptions).where(eq(planOptions.id, id))
    },

    // ---- batches ----

    async listBatches(listingId: string, now: Date, options: { activeOnly: boolean; limit: number; offset: number }) {
      const where = and(eq(batches.listing_id, listingId), options.activeOnly ? eq(batches.active, true) : undefined)
      const upcoming = sql<number>`(select count(*)::int from sessions s where s.batch_id = "batches"."id" and s.status = 'scheduled' and s.starts_at >= ${now.toISOString()}::timestamptz)`
      const [items, [total]] = await readAll(
        db,
        () =>
          db
          .select({ batch: batches, upcoming_sessions: upcoming })
          .from(batches)
          .where(where)
          .orderBy(asc(batches.start_time), asc(batches.created_at), asc(batches.id))
          .limit(options.limit)
          .offset(options.offset),
        () => db.select({ n: count() }).from(batches).where(where),
      )
      return { items: items.map((r) => ({ ...r.batch, upcoming_sessions: Number(r.upcoming_sessions) })), total: total?.n ?? 0 }
    },

    async findBatch(listingId: string, batchId: string): Promise<BatchRow | undefined> {
      const [row] = await db.select().from(batches).where(and(eq(batches.id, batchId), eq(batches.listing_id, listingId))).limit(1).for('update')
      return row
    },

    async insertBatch(values: typeof batches.$inferInsert): Promise<BatchRow> {
      const [row] = await db.insert(batches).values(values).returning()
      return row!
    },

    async updateBatch(id: string, changes: Partial<typeof batches.$inferInsert>): Promise<BatchRow> {
      const [row] = await db.update(batches).set(changes).where(eq(batches.id, id)).returning()
      return row!
    },

    isBatchReferenced: (batchId: string): Promise<boolean> => isBatchReferenced(db, batchId),

    async countUpcoming(batchId: string, now: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(sessions)
        .where(and(eq(sessions.batch_id, batchId), eq(sessions.status, 'scheduled'), gte(sessions.starts_at, now)))
      return row?.n ?? 0
    },

    async deleteBatch(id: string): Promise<void> {
      await db.delete(batches).where(eq(batches.id, id))
    },

    /** Active batches of listings still in use, with their listing's time zone: what the daily horizon job extends. */
    async listBatchesToExtend(afterId: string | undefined, limit: number): Promise<(BatchRow & { timezone: string })[]> {
      const live = listingZones(db, { live: true })
      const rows = await db
        .select({ batch: batches, timezone: live.timezone })
        .from(batches)
        .innerJoin(live, eq(live.id, batches.listing_id))
        .where(and(eq(batches.active, true), afterId ? gt(batches.id, afterId) : undefined))
        .orderBy(asc(batches.id))
        .limit(limit)
      return rows.map((r) => ({ ...r.batch, timezone: r.timezone }))
    },

    // ---- sessions ----

    /** Inserts a batch's generated sessions; a slot that already exists (booked, cancelled or not) stays as it is. */
    async insertBatchSessions(batch: Pick<BatchRow, 'id' | 'listing_id' | 'capacity'>, slots: readonly GeneratedSession[]): Promise<number> {
      if (slots.length === 0) return 0
      const inserted = await db
        .insert(sessions)
        .values(slots.map((s) => ({ listing_id: batch.listing_id, batch_id: batch.id, starts_at: s.starts_at, ends_at: s.ends_at, capacity: batch.capacity })))
        .onConflictDoNothing({ target: [sessions.batch_id, sessions.starts_at] })
        .returning({ id: sessions.id })
      return inserted.length
    },

    /** A batch's sessions from `now` on, locked: the ones an edit may change. */
    async lockFutureBatchSessions(batchId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.batch_id, batchId), gte(sessions.starts_at, now)))
        .orderBy(asc(sessions.id))
        .for('update')
    },

    async maxSeatsTaken(where: SQL | undefined): Promise<number> {
      const [row] = await db.select({ taken: max(sessions.seats_taken) }).from(sessions).where(where)
      return row?.taken ?? 0
    },

    /** Deletes the sessions of these ids that no booking row names; the others are cancelled. Returns how many of each. */
    async removeSessions(ids: readonly string[]): Promise<{ deleted: number; cancelled: number }> {
      if (ids.length === 0) return { deleted: 0, cancelled: 0 }
      const deleted = await db
        .delete(sessions)
        .where(and(inArray(sessions.id, [...ids]), eq(sessions.seats_taken, 0), unreferenced(sessions.id)))
        .returning({ id: sessions.id })
      const gone = new Set(deleted.map((d) => d.id))
      const rest = ids.filter((id) => !gone.has(id))
      if (rest.length) await db.update(sessions).set({ status: 'cancelled' }).where(inArray(sessions.id, rest))
      return { deleted: deleted.length, cancelled: rest.length }
    },

    async setCapacity(ids: readonly string[], capacity: number): Promise<void> {
      if (ids.length) await db.update(sessions).set({ capacity }).where(inArray(sessions.id, [...ids]))
    },

    async insertSession(values: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning()
      return row!
    },

    async updateSession(id: string, changes: Partial<typeof sessions.$inferInsert>): Promise<SessionRow> {
      const [row] = await db.update(sessions).set(changes).where(eq(sessions.id, id)).returning()
      return row!
    },

    /** A session of one of this partner's listings, locked. */
    async findOwnedSession(partnerId: string, sessionId: string): Promise<(SessionRow & { timezone: string }) | undefined> {
      const owned = listingZones(db, { partnerId })
      const [row] = await db
        .select({ session: sessions, timezone: owned.timezone })
        .from(sessions)
        .innerJoin(owned, eq(owned.id, sessions.listing_id))
        .where(eq(sessions.id, sessionId))
        .limit(1)
        .for('update', { of: sessions })
      return row ? { ...row.session, timezone: row.timezone } : undefined
    },

    async listSessions(listingId: string, filters: { from?: Date; until?: Date; batchId?: string; status?: 'scheduled' | 'cancelled' }, limit: number, offset: number) {
      const where = and(
        eq(sessions.listing_id, listingId),
        filters.from ? gte(sessions.starts_at, filters.from) : undefined,
        filters.until ? lt(sessions.starts_at, filters.until) : undefined,
        filters.batchId ? eq(sessions.batch_id, filters.batchId) : undefined,
        filters.status ? eq(sessions.status, filters.status) : undefined,
      )
      const [items, [total]] = await readAll(
        db,
        () =>
          db.select().from(sessions).where(where).orderBy(asc(sessions.starts_at), asc(sessions.id)).limit(limit).offset(offset),
        () => db.select({ n: count() }).from(sessions).where(where),
      )
      return { items, total: total?.n ?? 0 }
    },

    /** Each active batch's next scheduled session that has not started, with seats left. */
    async nextSessionsOfBatches(batchIds: readonly string[], now: Date) {
      if (batchIds.length === 0) return new Map<string, { id: string; starts_at: Date; ends_at: Date; seats_left: number }>()
      const rows = await queryRows<{ batch_id: string; id: string; starts_at: string | Date; ends_at: string | Date; seats_left: number }>(
        db,
        sql`select distinct on (s.batch_id) s.batch_id, s.id, s.starts_at, s.ends_at, (s.capacity - s.seats_taken)::int as seats_left
            from sessions s
            where s.batch_id in (${sql.join(batchIds.map((id) => sql`${id}::uuid`), sql`, `)})
              and s.status = 'scheduled' and s.starts_at > ${now.toISOString()}::timestamptz
            order by s.batch_id, s.starts_at, s.id`,
      )
      return new Map(rows.map((r) => [r.batch_id, { id: r.id, starts_at: new Date(r.starts_at), ends_at: new Date(r.ends_at), seats_left: Number(r.seats_left) }]))
    },
  }
}

export type SchedulingRepository = ReturnType<typeof schedulingRepository>
