// The booking module's use cases, built once from explicit dependencies (see booking-context.ts).
import { createBookingsContext, type BookingsDeps } from './booking-context.js'
import { createBookingUseCase } from './use-cases/create-booking.js'
import { createListUseCases } from './use-cases/list-bookings.js'
import { createMoveUseCases } from './use-cases/move-booking.js'
import { createReleaseUseCases } from './use-cases/release-booking.js'
import { createSettlePaymentUseCases } from './use-cases/settle-payment.js'
import { createStartPaymentUseCase } from './use-cases/start-payment.js'

export function createBookingsService(deps: BookingsDeps) {
  const ctx = createBookingsContext(deps)
  const release = createReleaseUseCases(ctx)
  const move = createMoveUseCases(ctx, release)
  const list = createListUseCases(ctx)
  const create = createBookingUseCase(ctx)
  // test/live with a gateway: the answer carries the Razorpay order, created after the booking's transaction commits
  const startPayment = ctx.paymentsMode !== 'mock' && ctx.payments ? createStartPaymentUseCase(ctx, ctx.payments, release) : undefined
  const settle = createSettlePaymentUseCases(ctx, release, ctx.payments)
  return {
    createBooking: startPayment
      ? async (...args: Parameters<typeof create>) => startPayment(args[0], args[1], await create(...args))
      : create,
    /** Razorpay: Checkout's signed answer, and the webhook intake's event handler (inside its transaction). */
    verifyPayment: settle.verifyPayment,
    handlePaymentEvent: settle.handlePaymentEvent,
    getBooking: list.getBooking,
    listMyBookings: list.listMyBookings,
    listPartnerBookings: list.listPartnerBookings,
    markAttendance: list.markAttendance,
    cancelBooking: release.cancelBooking,
    availableSessions: move.availableSessions,
    rescheduleBooking: move.rescheduleBooking,
    addBookingSession: move.addBookingSession,
    reportUnableToAttend: move.reportUnableToAttend,
    /** Jobs: `bookings.expire-hold`, the `bookings.sweep-holds` cron (holds, pending refunds, old keys), `bookings.refund`. */
    expireHold: release.expireHold,
    expireDueHolds: release.expireDueHolds,
    settleRefund: release.settleRefund,
    settlePendingRefunds: release.settlePendingRefunds,
    pruneIdempotencyKeys: release.pruneIdempotencyKeys,
    completeFinishedBookings: release.completeFinishedBookings,
    /** For other modules, inside their transaction (neither enqueues a job). */
    cancelBookingsForSession: release.cancelBookingsForSession,
    confirmBooking: release.confirmBooking,
  }
}

export type BookingsService = ReturnType<typeof createBookingsService>
