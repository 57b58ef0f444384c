// The booking module's use cases, built once from explicit dependencies (see booking-context.ts).
import type { Executor } from '../../db/database.js'
import { createBookingsContext, type BookingsDeps } from './booking-context.js'
import { createBookingPayable } from './booking-payable.js'
import type { CreateBookingBody } from './bookings.schemas.js'
import { createAdminBookingUseCases } from './use-cases/admin-bookings.js'
import { createBookingUseCase, type CreateBookingAnswer } from './use-cases/create-booking.js'
import { createExportUseCases } from './use-cases/export-bookings.js'
import { createListUseCases } from './use-cases/list-bookings.js'
import { createMoveUseCases } from './use-cases/move-booking.js'
import { createReleaseUseCases } from './use-cases/release-booking.js'

export function createBookingsService(deps: BookingsDeps) {
  const ctx = createBookingsContext(deps)
  const release = createReleaseUseCases(ctx)
  const move = createMoveUseCases(ctx, release)
  const list = createListUseCases(ctx)
  const create = createBookingUseCase(ctx)
  const payable = createBookingPayable(ctx, release)
  const admin = createAdminBookingUseCases(ctx, release)
  const exports = createExportUseCases(ctx)
  // checkout verifies, confirms and refunds Razorpay-paid bookings through these callbacks
  deps.checkout?.register(payable)

  /** test/live: a fresh Razorpay hold's answer gains its order, created after the booking's transaction committed. */
  async function startPayment(userId: string, idempotencyKey: string, answer: CreateBookingAnswer): Promise<CreateBookingAnswer> {
    const checkout = ctx.paymentsMode === 'mock' ? undefined : ctx.checkout
    if (!checkout || answer.status !== 201 || answer.body.payment || answer.body.booking.payment_method !== 'razorpay') return answer
    return checkout.startPayment(payable, { userId, idempotencyKey, subjectId: answer.body.booking.id })
  }

  return {
    async createBooking(userId: string, idempotencyKey: string, body: CreateBookingBody): Promise<CreateBookingAnswer> {
      return startPayment(userId, idempotencyKey, await create.createBooking(userId, idempotencyKey, body))
    },
    /** For a caller's transaction (the waitlist's): the booking without its payment step; call startPayment after the commit. */
    createBookingInTx: (tx: Executor, userId: string, idempotencyKey: string, body: CreateBookingBody) => create.createBookingInTx(tx, userId, idempotencyKey, body),
    startPayment,
    getBooking: list.getBooking,
    listMyBookings: list.listMyBookings,
    listPartnerBookings: list.listPartnerBookings,
    markAttendance: list.markAttendance,
    cancelBooking: release.cancelBooking,
    availableSessions: move.availableSessions,
    rescheduleBooking: move.rescheduleBooking,
    addBookingSession: move.addBookingSession,
    reportUnableToAttend: move.reportUnableToAttend,
    /** Admins: every booking, one in full, a cancel with a chosen refund, the CSV. */
    listAdminBookings: admin.listAdminBookings,
    getAdminBooking: admin.getAdminBooking,
    adminCancelBooking: admin.adminCancelBooking,
    /** The demo seed's admin cancels, inside its transaction (a money refund stays pending for the sweeper). */
    adminCancelBookingInTx: admin.adminCancelBookingInTx,
    exportBookingsCsv: exports.exportBookingsCsv,
    /** Jobs: `bookings.expire-hold`, the `bookings.sweep-holds` cron (sweep), `bookings.refund`. */
    expireHold: release.expireHold,
    /** The minute sweeper: holds past due, pending refunds (and checkout's second payments), finished bookings, old keys. */
    async sweep(): Promise<void> {
      await release.expireDueHolds()
      await release.settlePendingRefunds()
      await ctx.checkout?.refundPendingExtraPayments()
      await release.completeFinishedBookings()
      await release.pruneIdempotencyKeys()
    },
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
