// Database access of the booking module. Seats move only through takeSeats/releaseSeats: one conditional UPDATE each.
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { bookingSessions, bookings, trialUses, unableToAttend } from '../../db/schema/bookings.js'
import { readSetting } from '../settings/index.js'
import { pruneIdempotencyKeys } from '../../shared/idempotency.js'
import { findChildren, lockUser } from '../auth/index.js'
import { findListingBookingFacts } from '../listings/index.js'
import {
  findBatch, findBatchSessions, findPlanOption, findSession, lockSessions, sessionSeats, type SessionRow,
} from '../scheduling/index.js'
import { bookedSessions, type BookedSession } from './booked-sessions.js'

export type BookingRow = typeof bookings.$inferSelect
export type BookingSessionRow = typeof bookingSessions.$inferSelect
export type { BookedSession, SessionRow }

export function bookingsRepository(executor: Executor) {
  return {
    findListing: (id: string) => findListingBookingFacts(executor, id),
    findPlanOption: (id: string) => findPlanOption(executor, id),
    findSession: (id: string): Promise<SessionRow | undefined> => findSession(executor, id),
    findBatch: (id: string) => findBatch(executor, id),
    /** Scheduled sessions of a batch starting in [from, to), earliest first. */
    findBatchSessions: (batchId: string, from: Date, to: Date): Promise<SessionRow[]> => findBatchSessions(executor, batchId, from, to),
    findChildrenOf: (userId: string, ids: readonly string[]) => findChildren(executor, ids, userId),
    /** Locks the sessions' rows in id order, so that two use cases touching the same sessions never deadlock. */
    lockSessions: (ids: readonly string[]): Promise<void> => lockSessions(executor, ids),

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
              select 1 from session_children sc
              where sc.session_id in (${sql.join(sessionIds.map((id) => sql`${id}::uuid`), sql`, `)}) and sc.child_id = any(${`{${childIds.join(',')}}`}::uuid[])) as found`,
      )
      return row?.found ?? false
    },

    /** Of these sessions, those where one of these children already holds a seat (through any booking). */
    async sessionsSeatingChildren(sessionIds: readonly string[], childIds: readonly string[]): Promise<Set<string>> {
      if (sessionIds.length === 0 || childIds.length === 0) return new Set()
      const rows = await queryRows<{ session_id: string }>(
        executor,
        sql`select distinct session_id from session_children
            where session_id = any(${`{${sessionIds.join(',')}}`}::uuid[]) and child_id = any(${`{${childIds.join(',')}}`}::uuid[])`,
      )
      return new Set(rows.map((r) => r.session_id))
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
      await lockUser(executor, userId)
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
    sessionsOf: (bookingIds: readonly string[], activeOnly = false) => bookedSessions(executor, bookingIds, activeOnly),

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

    pruneIdempotencyKeys: (before: Date): Promise<number> => pruneIdempotencyKeys(executor, before),

    readCancellationPolicy: () => readSetting(executor, 'cancellation_policy'),
  }
}

export type BookingsRepository = ReturnType<typeof bookingsRepository>
