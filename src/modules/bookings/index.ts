// Public face of the bookings module: app.ts wires the service, routes and jobs; other modules use the service's
// cancelBookingsForSession (scheduling) and confirmBooking (payments), and the RefundPort they implement.
export { createBookingsService, type BookingsService } from './bookings.service.js'
export { bookingRoutes } from './bookings.routes.js'
export { razorpayPaymentRoutes } from './payment.routes.js'
export type { BookingPayments, OrderPort, PaymentLogger } from './payment-port.js'
export type { CreditWallet } from './credit-wallet-port.js'
export { EXPIRE_HOLD_JOB, REFUND_JOB, SWEEP_HOLDS_JOB } from './booking-context.js'
export { createMockRefunds, type RefundPort, type RefundRequest, type RefundResult } from './refund-port.js'
export { DEFAULT_CANCELLATION_POLICY, parseCancellationPolicy, refundPercent, type CancellationPolicy } from './cancellation-policy.js'
export type { BookingStatus } from './booking-status.js'
export { CreateBookingResponse, type CreateBookingBody } from './bookings.schemas.js'
export { SessionNotBookableError } from './bookings.errors.js'
