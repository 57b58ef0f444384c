// The booking module's expected failures, each with its stable code.
import { ConflictError, NotFoundError, TooManyRequestsError, UnprocessableError } from '../../shared/errors.js'

export const bookingNotFound = () => new NotFoundError('booking')
export const listingNotFound = () => new NotFoundError('listing')
export const planOptionNotFound = () => new NotFoundError('plan option')
export const sessionNotFound = () => new NotFoundError('session')
export const batchNotFound = () => new NotFoundError('batch')
export const childNotFound = () => new NotFoundError('child')
export const sessionNotInBooking = () => new NotFoundError('session', 'SESSION_NOT_IN_BOOKING')

export const creditsNotAccepted = () => new UnprocessableError('CREDITS_NOT_ACCEPTED', 'This plan option cannot be paid with credits')
export const sessionFull = () => new ConflictError('SESSION_FULL', 'This session is full')
export const sessionNotBookable = (why: string) => new ConflictError('SESSION_NOT_BOOKABLE', why)
export const trialAlreadyUsed = () => new ConflictError('TRIAL_ALREADY_USED', 'A trial of this activity was already booked for this child')
export const childAlreadyBooked = () => new ConflictError('CHILD_ALREADY_BOOKED', 'A child is already booked into this session')
export const rescheduleLimit = (max: number) => new ConflictError('RESCHEDULE_LIMIT', `A booking can be rescheduled at most ${max} times`)
export const rescheduleWindowClosed = (hours: number) =>
  new ConflictError('RESCHEDULE_WINDOW_CLOSED', `Sessions can be moved until ${hours} hours before they start`)
export const notReschedulable = (why: string) => new ConflictError('BOOKING_NOT_RESCHEDULABLE', why)
export const sessionAlreadyStarted = () => new ConflictError('SESSION_ALREADY_STARTED', 'This session has already started')
export const alreadyReported = () => new ConflictError('ALREADY_REPORTED', 'Unable to attend was already reported for this session')
export const bookingNotConfirmed = () => new ConflictError('BOOKING_NOT_CONFIRMED', 'Only a confirmed booking can do this')
export const noSessionsRemaining = () => new ConflictError('NO_SESSIONS_REMAINING', 'Every session of this booking is already booked')
export const attendanceTooEarly = () => new ConflictError('ATTENDANCE_TOO_EARLY', 'Attendance can be marked from one hour before the session starts')
export const bookingHoldExpired = () => new ConflictError('BOOKING_HOLD_EXPIRED', 'The seat hold of this booking has expired')

export const childAgeMismatch = (name: string, age: number, min: number, max: number) =>
  new UnprocessableError('CHILD_AGE_MISMATCH', `${name} will be ${age} on the session date; this activity is for ages ${min}–${max}`)
export const sessionRequired = (kind: string) => new UnprocessableError('SESSION_REQUIRED', `A ${kind} booking needs a session_id`)
export const batchRequired = () => new UnprocessableError('BATCH_REQUIRED', 'A monthly booking needs a batch_id or a session_id of the batch')
export const noSessionsInPeriod = () => new UnprocessableError('NO_SESSIONS_IN_PERIOD', 'This batch has no upcoming sessions in the period')
export const outsideValidity = () => new UnprocessableError('SESSION_OUTSIDE_VALIDITY', 'This session is after the plan’s validity ends')
export const tooManyHolds = (max: number, retryAfterSeconds: number) =>
  new TooManyRequestsError(`At most ${max} bookings may wait for payment at once; pay or cancel one first`, retryAfterSeconds, 'TOO_MANY_PENDING_BOOKINGS')

export const paymentRefundedAfterExpiry = () =>
  new ConflictError('BOOKING_HOLD_EXPIRED', 'The seat hold ended before the payment arrived and its seats are gone; the payment is refunded in full')
