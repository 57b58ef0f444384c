// The booking module's use cases, built once from explicit dependencies (see booking-context.ts).
import { createBookingsContext, type BookingsDeps } from './booking-context.js'
import { createBookingUseCase } from './use-cases/create-booking.js'
import { createListUseCases } from './use-cases/list-bookings.js'
import { createMoveUseCases } from './use-cases/move-booking.js'
import { createReleaseUseCases } from './use-cases/release-booking.js'

export function createBookingsService(deps: BookingsDeps) {
  const ctx = createBookingsContext(deps)
  const release = createReleaseUseCases(ctx)
  const move = createMoveUseCases(ctx, release)
  const list = createListUseCases(ctx)
  return {
    createBooking: createBookingUseCase(ctx),
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
