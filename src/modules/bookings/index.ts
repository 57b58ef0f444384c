// Public face of the bookings module: app.ts wires the service, routes and jobs; other modules use the service's
// cancelBookingsForSession (scheduling), createBookingInTx and startPayment (the waitlist's accept). Checkout (payments)
// reaches bookings through the PayableSubject the service registers.
export { createBookingsService, type BookingsService } from './bookings.service.js'
export { EXPIRE_HOLD_JOB, REFUND_JOB, SWEEP_HOLDS_JOB } from './booking-context.js'
export { DEFAULT_CANCELLATION_POLICY, parseCancellationPolicy, refundPercent, type CancellationPolicy } from './cancellation-policy.js'
export type { BookingStatus } from './booking-status.js'
export { CreateBookingResponse, type CreateBookingBody } from './bookings.schemas.js'
export { bookingsModule } from './bookings.module.js'
export { BookingNotFoundError, SessionNotBookableError } from './bookings.errors.js'
export { findLatestUserBookings, findPartnerBookingFigures } from './admin-figures.js'
export { findBookingAttendance, type BookingAttendance } from './attended-booking.js'
