// PAYMENTS_MODE test/live: after the booking's transaction commits, a Razorpay order for its amount; the order id is stored
// on the booking and the Idempotency-Key answer completed with it. If the order cannot be created, the hold is released and
// the key forgotten, so a retry with the same key books afresh instead of replaying a success that never happened.
import { AppError } from '../../../shared/errors.js'
import { toBookingView, type BookingsContext } from '../booking-context.js'
import { bookingHoldExpired, paymentGatewayUnavailable } from '../bookings.errors.js'
import { bookingsRepository, type BookingRow } from '../bookings.repository.js'
import type { CreateBookingResponse } from '../bookings.schemas.js'
import { completeIdempotencyKey, forgetIdempotencyKey } from '../../../shared/idempotency.js'
import { silentPaymentLogger, type BookingPayments } from '../payment-port.js'
import type { CreateBookingAnswer } from './create-booking.js'
import type { ReleaseUseCases } from './release-booking.js'

export function createStartPaymentUseCase(ctx: BookingsContext, payments: BookingPayments, release: ReleaseUseCases) {
  const { db, clock } = ctx
  const log = ctx.logger ?? silentPaymentLogger

  async function answerWithOrder(userId: string, key: string, bookingId: string, orderId: string): Promise<CreateBookingAnswer> {
    return db.transaction(async (tx) => {
      const repo = bookingsRepository(tx)
      const booking = (await repo.lockBooking(bookingId))!
      // a concurrent retry with the same key may have stored its order first: everyone answers with that one
      const stored = booking.razorpay_order_id ?? orderId
      if (!booking.razorpay_order_id) {
        if (booking.status !== 'pending_payment') throw bookingHoldExpired()
        await repo.updateBooking(bookingId, { razorpay_order_id: orderId, updated_at: clock.now() })
      }
      const fresh = (await repo.findBooking(bookingId))!
      const body: CreateBookingResponse = {
        booking: await toBookingView(tx, fresh),
        payment: { razorpay_order_id: stored, amount: fresh.amount, currency: 'INR', key_id: payments.keyId },
      }
      await completeIdempotencyKey(tx, userId, key, 201, body)
      return { status: 201, body }
    })
  }

  /** The order could not be created: the pending booking is cancelled (seats and trial back) and its key forgotten. */
  async function releaseUnpaidHold(userId: string, key: string, bookingId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const repo = bookingsRepository(tx)
      const booking = await repo.lockBooking(bookingId)
      if (!booking || booking.status !== 'pending_payment' || booking.razorpay_order_id) return
      const now = clock.now()
      await release.releaseSeats(tx, await repo.sessionsOf([bookingId], true), now)
      await repo.releaseTrials(bookingId)
      await repo.updateBooking(bookingId, {
        status: 'cancelled', cancelled_by: 'system', cancellation_reason: 'The payment could not be started', cancelled_at: now, hold_expires_at: null, updated_at: now,
      })
      await forgetIdempotencyKey(tx, userId, key)
    })
  }

  async function createOrderFor(booking: BookingRow): Promise<string> {
    const order = await payments.orders.createOrder({
      amount: booking.amount,
      currency: 'INR',
      receipt: booking.id,
      notes: { booking_id: booking.id },
    })
    return order.id
  }

  /** Completes a fresh booking answer (or a replay whose order step was interrupted) with its Razorpay order. */
  return async function startPayment(userId: string, key: string, answer: CreateBookingAnswer): Promise<CreateBookingAnswer> {
    if (answer.status !== 201 || answer.body.payment) return answer
    const bookingId = answer.body.booking.id
    const booking = await bookingsRepository(db).findBooking(bookingId)
    if (!booking || booking.payment_method !== 'razorpay') return answer
    if (booking.razorpay_order_id) return answerWithOrder(userId, key, bookingId, booking.razorpay_order_id)
    if (booking.status !== 'pending_payment') throw bookingHoldExpired()
    let orderId: string
    try {
      orderId = await createOrderFor(booking)
    } catch (err) {
      log.warn({ err, booking_id: bookingId }, 'razorpay order could not be created; the hold is released')
      await releaseUnpaidHold(userId, key, bookingId)
      // the gateway's own 503 (down, 5xx, timeout) or its refusal (502) as it is; anything else is the gateway being unusable
      throw err instanceof AppError ? err : paymentGatewayUnavailable()
    }
    return answerWithOrder(userId, key, bookingId, orderId)
  }
}
