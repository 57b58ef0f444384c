// The booking module's expected failures, each with its stable code.
import { ConflictError, NotFoundError, TooManyRequestsError, UnprocessableError } from '../../shared/errors.js'
import type { BookingStatus } from './booking-status.js'

export class BookingNotFoundError extends NotFoundError {
  constructor() {
    super('booking', 'BOOKING_NOT_FOUND')
  }
}

export class SessionNotInBookingError extends NotFoundError {
  constructor() {
    super('session', 'SESSION_NOT_IN_BOOKING')
  }
}

export class CreditsNotAcceptedError extends UnprocessableError {
  constructor() {
    super('CREDITS_NOT_ACCEPTED', 'This plan option cannot be paid with credits')
  }
}

export class SessionFullError extends ConflictError {
  constructor() {
    super('SESSION_FULL', 'This session is full')
  }
}

/** Booking or waitlisting a session that is cancelled, started, or already held by this booking. */
export class SessionNotBookableError extends ConflictError {
  constructor(why: string) {
    super('SESSION_NOT_BOOKABLE', why)
  }
}

export class TrialAlreadyUsedError extends ConflictError {
  constructor() {
    super('TRIAL_ALREADY_USED', 'A trial of this activity was already booked for this child')
  }
}

export class ChildAlreadyBookedError extends ConflictError {
  constructor() {
    super('CHILD_ALREADY_BOOKED', 'A child is already booked into this session')
  }
}

export class RescheduleLimitError extends ConflictError {
  constructor(max: number) {
    super('RESCHEDULE_LIMIT', `A booking can be rescheduled at most ${max} times`)
  }
}

export class RescheduleWindowClosedError extends ConflictError {
  constructor(hours: number) {
    super('RESCHEDULE_WINDOW_CLOSED', `Sessions can be moved until ${hours} hours before they start`)
  }
}

export class NotReschedulableError extends ConflictError {
  constructor(why: string) {
    super('BOOKING_NOT_RESCHEDULABLE', why)
  }
}

export class SessionAlreadyStartedError extends ConflictError {
  constructor() {
    super('SESSION_ALREADY_STARTED', 'This session has already started')
  }
}

export class AlreadyReportedError extends ConflictError {
  constructor() {
    super('ALREADY_REPORTED', 'Unable to attend was already reported for this session')
  }
}

export class BookingNotConfirmedError extends ConflictError {
  constructor() {
    super('BOOKING_NOT_CONFIRMED', 'Only a confirmed booking can do this')
  }
}

export class NoSessionsRemainingError extends ConflictError {
  constructor() {
    super('NO_SESSIONS_REMAINING', 'Every session of this booking is already booked')
  }
}

export class AttendanceTooEarlyError extends ConflictError {
  constructor() {
    super('ATTENDANCE_TOO_EARLY', 'Attendance can be marked from one hour before the session starts')
  }
}

export class BookingHoldExpiredError extends ConflictError {
  constructor() {
    super('BOOKING_HOLD_EXPIRED', 'The seat hold of this booking has expired')
  }
}

export class BookingAlreadyInStatusError extends ConflictError {
  constructor(status: BookingStatus) {
    super(`BOOKING_ALREADY_${status.toUpperCase()}`, `This booking is already ${status.replace('_', ' ')}`)
  }
}

/** A move the booking state machine does not allow. */
export class BookingStatusConflictError extends ConflictError {
  constructor(from: BookingStatus, to: BookingStatus) {
    super('BOOKING_STATUS_CONFLICT', `A ${from.replace('_', ' ')} booking cannot become ${to.replace('_', ' ')}`)
  }
}

export class ChildAgeMismatchError extends UnprocessableError {
  constructor(name: string, age: number, min: number, max: number) {
    super('CHILD_AGE_MISMATCH', `${name} will be ${age} on the session date; this activity is for ages ${min}–${max}`)
  }
}

export class SessionRequiredError extends UnprocessableError {
  constructor(kind: string) {
    super('SESSION_REQUIRED', `A ${kind} booking needs a session_id`)
  }
}

export class BatchRequiredError extends UnprocessableError {
  constructor() {
    super('BATCH_REQUIRED', 'A monthly booking needs a batch_id or a session_id of the batch')
  }
}

export class NoSessionsInPeriodError extends UnprocessableError {
  constructor() {
    super('NO_SESSIONS_IN_PERIOD', 'This batch has no upcoming sessions in the period')
  }
}

export class OutsideValidityError extends UnprocessableError {
  constructor() {
    super('SESSION_OUTSIDE_VALIDITY', 'This session is after the plan’s validity ends')
  }
}

export class TooManyHoldsError extends TooManyRequestsError {
  constructor(max: number, retryAfterSeconds: number) {
    super(`At most ${max} bookings may wait for payment at once; pay or cancel one first`, retryAfterSeconds, 'TOO_MANY_PENDING_BOOKINGS')
  }
}

/** Checkout's payment came after the hold expired and its seats were gone: the payment is refunded in full. */
export class PaymentRefundedAfterExpiryError extends ConflictError {
  constructor() {
    super('BOOKING_HOLD_EXPIRED', 'The seat hold ended before the payment arrived and its seats are gone; the payment is refunded in full')
  }
}

export class DateRangeInvalidError extends UnprocessableError {
  constructor() {
    super('DATE_RANGE_INVALID', '`from` must be on or before `to`')
  }
}

export class DateRangeTooLongError extends UnprocessableError {
  constructor(maxDays: number) {
    super('DATE_RANGE_TOO_LONG', `An export covers at most ${maxDays} days; narrow from and to`)
  }
}

/** An admin cancel asking to refund more than is still refundable of what was paid. */
export class RefundExceedsPaidError extends UnprocessableError {
  constructor(maxPaise: number) {
    super('REFUND_EXCEEDS_PAID', `At most ${maxPaise} paise (₹${(maxPaise / 100).toFixed(2)}) can be refunded for this booking`)
  }
}

/** The database refusing a child a second seat in one session (session_children's primary key, migration 0034). */
export function isChildSeatTaken(err: unknown): boolean {
  const cause = (err as { cause?: unknown }).cause ?? err
  const { code, constraint } = cause as { code?: unknown; constraint?: unknown }
  return code === '23505' && constraint === 'session_children_pkey'
}

/** Runs a write that seats children, answering the database's refusal of a child's second seat in a session as 409. */
export async function seatingChildren<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (err) {
    if (isChildSeatTaken(err)) throw new ChildAlreadyBookedError()
    throw err
  }
}
