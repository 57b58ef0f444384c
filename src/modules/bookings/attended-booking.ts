// What the reviews module asks of a booking: is it this parent's, and did a child of theirs attend one of its sessions?
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, unableToAttend } from '../../db/schema/bookings.js'
import { bookedSessions } from './booked-sessions.js'

export interface BookingAttendance {
  id: string
  listing_id: string
  /** A seat was marked present or late, or its session ended with no absence marked and no "unable to attend" report. */
  attended: boolean
}

/** The user's own booking (another's, or none, is undefined) and whether it was attended by `now`. */
export async function findBookingAttendance(executor: Executor, userId: string, bookingId: string, now: Date): Promise<BookingAttendance | undefined> {
  const [booking] = await executor
    .select({ id: bookings.id, listing_id: bookings.listing_id, status: bookings.status })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.user_id, userId)))
  if (!booking) return undefined
  if (booking.status !== 'confirmed' && booking.status !== 'completed') return { id: booking.id, listing_id: booking.listing_id, attended: false }
  const [seats, reported] = [
    await bookedSessions(executor, [booking.id], true),
    await executor.select({ session_id: unableToAttend.session_id }).from(unableToAttend).where(eq(unableToAttend.booking_id, booking.id)),
  ]
  const away = new Set(reported.map((r) => r.session_id))
  const attended = seats.some(
    (s) =>
      s.status === 'attended' ||
      (s.status === 'booked' && s.session_status === 'scheduled' && s.ends_at.getTime() <= now.getTime() && !away.has(s.session_id)),
  )
  return { id: booking.id, listing_id: booking.listing_id, attended }
}
