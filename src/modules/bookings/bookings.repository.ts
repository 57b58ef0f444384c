// Database access of the booking module. Seats move only through takeSeats/releaseSeats: one conditional UPDATE each.
import { and, asc, eq, inArray, lt, ne, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { bookingSessions, bookings, trialUses, unableToAttend } from '../../db/schema/bookings.js'
import { listings } from '../../db/schema/listings.js'
import { idempotencyKeys, settings } from '../../db/schema/platform.js'
import { batches, planOptions, sessions } from '../../db/schema/scheduling.js'
import { children } from '../../db/schema/users.js'
import { sessionSeats } from '../scheduling/index.js'

export type BookingRow = typeof bookings.$inferSelect
export type BookingSessionRow = typeof bookingSessions.$inferSelect
export type SessionRow = typeof sessions.$inferSelect

export interface BookedSession {
  id: string
  session_id: string
  status: BookingSessionRow['status']
  attendance: BookingSessionRow['attendance']
  seats: number
  starts_at: Date
  ends_at: Date
  batch_id: string | null
  session_status: SessionRow['status']
}

export function bookingsRepository(executor: Executor) {
  return {
    async findListing(id: string) {
      const [row] = await executor
        .select({
          id: listings.id, partner_id: listings.partner_id, title: listings.title, status: listings.status, age_min: listings.age_min,
          age_max: listings.age_max, timezone: listings.timezone, cancellation_notice_hours: listings.cancellation_notice_hours,
          reschedule_notice_hours: listings.reschedule_notice_hours,
        })
        .from(listings)
        .where(eq(listings.id, id))
      return row
    },

    async findPlanOption(id: string) {
      const [row] = await executor.select().from(planOptions).where(eq(planOptions.id, id))
      return row
    },

    async findSession(id: string): Promise<SessionRow | undefined> {
      const [row] = await executor.select().from(sessions).where(eq(sessions.id, id))
      return row
    },

    async findBatch(id: string) {
      const [row] = await executor.select({ id: batches.id, listing_id: batches.listing_id }).from(batches).where(eq(batches.id, id))
      return row
    },

    /** Scheduled sessions of a batch starting in [from, to), earliest first. */
    async findBatchSessions(batchId: string, from: Date, to: Date): Promise<SessionRow[]> {
      return executor
        .select()
        .from(sessions)
        .where(and(eq(sessions.batch_id, batchId), eq(sessions.status, 'scheduled'), sql`${sessions.starts_at} >= ${from.toISOString()}::timestamptz`, sql`${sessions.starts_at} < ${to.toISOString()}::timestamptz`))
        .orderBy(asc(sessions.starts_at))
    },

    async findChildrenOf(userId: string, ids: readonly string[]) {
      if (ids.length === 0) return []
      return executor
        .select({ id: children.id, name: children.name, date_of_birth: children.date_of_birth })
        .from(children)
        .where(and(eq(children.user_id, userId), inArray(children.id, [...ids])))
    },

    /** Locks the sessions' rows in id order, so that two use cases touching the same sessions never deadlock. */
    async lockSessions(ids: readonly string[]): Promise<void> {
      const sorted = [...new Set(ids)].sort()
      if (sorted.length === 0) return
      await queryRows(executor, sql`select id from sessions where id in (${sql.join(sorted.map((id) => sql`${id}::uuid`), sql`, `)}) order by id for update`)
    },

    /** Takes `seats` seats if the session is still scheduled, starts after `now` and has room; false otherwise. */
    takeSeats: (sessionId: string, seats: number, now: Date): Promise<boolean> => sessionSeats(executor).take(sessionId, seats, now),

    releaseSeats: (sessionId: string, seats: number): Promise<void> => sessionSeats(executor).release(sessionId, seats),

    async insertBooking(row: typeof bookings.$inferInsert): Promise<BookingRow> {
      const [inserted] = await executor.insert(bookings).values(row).returning()
      return inserted!
    },

    async insertBookingSessions(rows: Array<typeof bookingSessions.$inferInsert>): Promise<void> {
      if (rows.length > 0) await executor.insert(bookingSessions).values(rows)
    },

    /** Claims trials for these children; returns how many were free (fewer than asked means one was used). */
    async claimTrials(listingId: string, childIds: readonly string[], bookingId: string, now: Date): Promise<number> {
      const rows = await executor
        .insert(trialUses)
        .values(childIds.map((child_id) => ({ listing_id: listingId, child_id, booking_id: bookingId, created_at: now })))
        .onConflictDoNothing()
        .returning({ child_id: trialUses.child_id })
      return rows.length
    },

    async releaseTrials(bookingId: string): Promise<void> {
      await executor.delete(trialUses).where(eq(trialUses.booking_id, bookingId))
    },

    /** Whether one of these children already holds a seat in one of these sessions through another booking. */
    async childAlreadyBooked(sessionIds: readonly string[], childIds: readonly string[]): Promise<boolean> {
      const row = await queryRow<{ found: boolean }>(
        executor,
        sql`select exists (
              select 1 from booking_sessions bs join bookings b on b.id = bs.booking_id
              where bs.session_id in (${sql.join(sessionIds.map((id) => sql`${id}::uuid`), sql`, `)}) and bs.status <> 'released'
                and b.status in ('pending_payment','confirmed')
                and b.child_ids && ${`{${childIds.join(',')}}`}::uuid[]) as found`,
      )
      return row?.found ?? false
    },

    async countActiveHolds(userId: string, now: Date): Promise<{ count: number; earliest: Date | null }> {
      const row = await queryRow<{ count: number; earliest: string | Date | null }>(
        executor,
        sql`select count(*)::int as count, min(hold_expires_at) as earliest from bookings
            where user_id = ${userId}::uuid and status = 'pending_payment' and hold_expires_at > ${now.toISOString()}::timestamptz`,
      )
      return { count: row?.count ?? 0, earliest: row?.earliest ? new Date(row.earliest) : null }
    },

    async lockUser(userId: string): Promise<void> {
      await queryRows(executor, sql`select id from users where id = ${userId}::uuid for update`)
    },

    async findBooking(id: string): Promise<BookingRow | undefined> {
      const [row] = await executor.select().from(bookings).where(eq(bookings.id, id))
      return row
    },

    async lockBooking(id: string): Promise<BookingRow | undefined> {
      const [row] = await executor.select().from(bookings).where(eq(bookings.id, id)).for('update')
      return row
    },

    /** The booking paid through this Razorpay order, locked for the change. */
    async lockBookingByOrderId(orderId: string): Promise<BookingRow | undefined> {
      const [row] = await executor.select().from(bookings).where(eq(bookings.razorpay_order_id, orderId)).for('update')
      return row
    },

    async findBookingByOrderId(orderId: string): Promise<BookingRow | undefined> {
      const [row] = await executor.select().from(bookings).where(eq(bookings.razorpay_order_id, orderId))
      return row
    },

    async lockBookingByPaymentRef(paymentRef: string): Promise<BookingRow | undefined> {
      const [row] = await executor.select().from(bookings).where(eq(bookings.payment_ref, paymentRef)).for('update')
      return row
    },

    /** Puts released seat rows back into the booking as held (a payment that came after its hold expired re-took the seats). */
    async reholdSessions(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await executor.update(bookingSessions).set({ status: 'held', released_at: null }).where(inArray(bookingSessions.id, [...ids]))
    },

    async updateBooking(id: string, changes: Partial<typeof bookings.$inferInsert>): Promise<BookingRow> {
      const [row] = await executor.update(bookings).set(changes).where(eq(bookings.id, id)).returning()
      return row!
    },

    /** The booking's seat rows with their sessions, earliest first; `activeOnly` leaves out released ones. */
    async sessionsOf(bookingIds: readonly string[], activeOnly = false): Promise<Array<BookedSession & { booking_id: string }>> {
      if (bookingIds.length === 0) return []
      return executor
        .select({
          id: bookingSessions.id, booking_id: bookingSessions.booking_id, session_id: bookingSessions.session_id, status: bookingSessions.status,
          attendance: bookingSessions.attendance, seats: bookingSessions.seats, starts_at: sessions.starts_at, ends_at: sessions.ends_at,
          batch_id: sessions.batch_id, session_status: sessions.status,
        })
        .from(bookingSessions)
        .innerJoin(sessions, eq(sessions.id, bookingSessions.session_id))
        .where(and(inArray(bookingSessions.booking_id, [...bookingIds]), activeOnly ? ne(bookingSessions.status, 'released') : undefined))
        .orderBy(asc(sessions.starts_at), asc(bookingSessions.created_at))
    },

    async releaseBookingSession(id: string, now: Date): Promise<void> {
      await executor.update(bookingSessions).set({ status: 'released', released_at: now }).where(eq(bookingSessions.id, id))
    },

    async setHeldAsBooked(bookingId: string): Promise<void> {
      await executor
        .update(bookingSessions)
        .set({ status: 'booked' })
        .where(and(eq(bookingSessions.booking_id, bookingId), eq(bookingSessions.status, 'held')))
    },

    async markAttendance(id: string, attendance: 'present' | 'absent' | 'late', now: Date): Promise<void> {
      await executor
        .update(bookingSessions)
        .set({ attendance, attendance_marked_at: now, status: attendance === 'absent' ? 'missed' : 'attended' })
        .where(eq(bookingSessions.id, id))
    },

    async insertUnableToAttend(row: typeof unableToAttend.$inferInsert) {
      const [inserted] = await executor.insert(unableToAttend).values(row).onConflictDoNothing().returning()
      return inserted
    },

    async hasUnableToAttend(bookingId: string, sessionId: string): Promise<boolean> {
      const rows = await executor
        .select({ id: unableToAttend.id })
        .from(unableToAttend)
        .where(and(eq(unableToAttend.booking_id, bookingId), eq(unableToAttend.session_id, sessionId)))
      return rows.length > 0
    },

    /** Idempotency keys are kept 24 hours (as Stripe does); an older key counts as new. */
    async pruneIdempotencyKeys(before: Date): Promise<number> {
      const rows = await executor.delete(idempotencyKeys).where(lt(idempotencyKeys.created_at, before)).returning({ key: idempotencyKeys.key })
      return rows.length
    },

    async readSetting(key: string): Promise<unknown> {
      const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, key))
      return row?.value
    },
  }
}

export type BookingsRepository = ReturnType<typeof bookingsRepository>
