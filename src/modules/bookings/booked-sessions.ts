// A booking's seats with their sessions' times: one join of booking_sessions to scheduling's sessions, on every booking
// view and seat move. The one bookings file allowed to read scheduling's table (eslint.config.js, README Architecture).
import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookingSessions } from '../../db/schema/bookings.js'
import { sessions } from '../../db/schema/scheduling.js'

type BookingSessionRow = typeof bookingSessions.$inferSelect

export interface BookedSession {
  id: string
  session_id: string
  status: BookingSessionRow['status']
  attendance: BookingSessionRow['attendance']
  seats: number
  starts_at: Date
  ends_at: Date
  batch_id: string | null
  session_status: (typeof sessions.$inferSelect)['status']
}

/** The bookings' seat rows with their sessions, earliest first; `activeOnly` leaves out released ones. */
export async function bookedSessions(executor: Executor, bookingIds: readonly string[], activeOnly: boolean): Promise<Array<BookedSession & { booking_id: string }>> {
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
}
