// The life of a booking: which status may follow which, and the error a refused move answers with.
import { type BOOKING_STATUSES } from '../../db/schema/bookings.js'
import { BookingAlreadyInStatusError, BookingStatusConflictError } from './bookings.errors.js'

export type BookingStatus = (typeof BOOKING_STATUSES)[number]

const NEXT: Record<BookingStatus, readonly BookingStatus[]> = {
  // paid (or mock) → confirmed; the hold lapses → expired; the parent changes their mind → cancelled
  pending_payment: ['confirmed', 'expired', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  expired: [],
}

/** Statuses whose seats count against a session's capacity. */
export const SEAT_HOLDING_STATUSES: readonly BookingStatus[] = ['pending_payment', 'confirmed']

export function canMove(from: BookingStatus, to: BookingStatus): boolean {
  return NEXT[from].includes(to)
}

/** Throws the 409 a client sees when a booking in `from` cannot become `to`. */
export function assertCanMove(from: BookingStatus, to: BookingStatus): void {
  if (canMove(from, to)) return
  if (from === to) throw new BookingAlreadyInStatusError(to)
  throw new BookingStatusConflictError(from, to)
}
