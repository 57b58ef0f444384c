// A Razorpay payment reaching its booking, by Checkout's signed answer (verify) or by a verified webhook: confirm once per
// payment id; a payment after the hold expired re-takes the seats if they are free, else it is refunded in full.
import type { Executor } from '../../../db/database.js'
import {
  paymentEntityOf, recordExtraPayment, refundEntityOf, verifyPaymentSignature, type RazorpayWebhookEvent, type WebhookEventContext,
} from '../../payments/index.js'
import { REFUND_JOB, toBookingView, type BookingsContext } from '../booking-context.js'
import { bookingNotFound, invalidPaymentSignature, paymentRefundedAfterExpiry } from '../bookings.errors.js'
import { bookingsRepository, type BookingRow } from '../bookings.repository.js'
import type { BookingResponse, VerifyPaymentBody } from '../bookings.schemas.js'
import { silentPaymentLogger, type BookingPayments } from '../payment-port.js'
import type { ReleaseUseCases } from './release-booking.js'

type PaymentOutcome = 'confirmed' | 'retaken' | 'refund' | 'duplicate' | 'extra_payment'

export function createSettlePaymentUseCases(ctx: BookingsContext, release: ReleaseUseCases, payments: BookingPayments | undefined) {
  const { db, clock, jobs } = ctx
  const log = ctx.logger ?? silentPaymentLogger

  /** Takes the expired hold's seats again, all or none; false when one is gone, started, or a child is booked elsewhere. */
  async function retakeSeats(tx: Executor, booking: BookingRow): Promise<boolean> {
    const repo = bookingsRepository(tx)
    const now = clock.now()
    const bySession = new Map((await repo.sessionsOf([booking.id])).filter((s) => s.status === 'released').map((s) => [s.session_id, s]))
    const wanted = [...bySession.values()].sort((a, b) => (a.session_id < b.session_id ? -1 : 1))
    if (wanted.length === 0 || wanted.some((s) => s.session_status !== 'scheduled' || s.starts_at <= now)) return false
    if (await repo.childAlreadyBooked(wanted.map((s) => s.session_id), booking.child_ids)) return false
    const taken: typeof wanted = []
    const giveBack = async () => {
      for (const s of taken) await repo.releaseSeats(s.session_id, s.seats)
    }
    for (const s of wanted) {
      // the same conditional update as a new booking: never past capacity
      if (!(await repo.takeSeats(s.session_id, s.seats, now))) return giveBack().then(() => false)
      taken.push(s)
    }
    const plan = booking.plan_option_id ? await repo.findPlanOption(booking.plan_option_id) : undefined
    if (plan?.kind === 'trial' && (await repo.claimTrials(booking.listing_id, booking.child_ids, booking.id, now)) !== booking.child_ids.length) {
      await repo.releaseTrials(booking.id)
      return giveBack().then(() => false)
    }
    await repo.reholdSessions(wanted.map((s) => s.id))
    return true
  }

  /** Applies a proven payment to its locked booking. Idempotent on the payment id. */
  async function applyPayment(tx: Executor, booking: BookingRow, paymentId: string): Promise<PaymentOutcome> {
    const repo = bookingsRepository(tx)
    if (booking.payment_ref === paymentId) return 'duplicate'
    const now = clock.now()
    if (booking.status === 'confirmed' || booking.status === 'completed') {
      // a second payment on the same order: the booking is paid once; the extra money goes back in full after the commit
      log.warn({ booking_id: booking.id, payment_id: paymentId, paid_by: booking.payment_ref }, 'second razorpay payment for a paid booking; refunding it')
      const extra = { payment_id: paymentId, order_id: booking.razorpay_order_id ?? '', subject_type: 'booking' as const, subject_id: booking.id, amount: booking.amount }
      await recordExtraPayment(tx, jobs, extra, now)
      return 'extra_payment'
    }
    if (booking.status === 'pending_payment') {
      await release.confirmBooking(tx, booking.id, paymentId)
      return 'confirmed'
    }
    // the hold expired before the money came (a cancelled hold was given up by the parent: refunded, never re-taken)
    if (booking.status === 'expired' && (await retakeSeats(tx, booking))) {
      // back to a hold for an instant, so the one confirm path (seats booked, invoice) runs as for any payment
      await repo.updateBooking(booking.id, { status: 'pending_payment', updated_at: now })
      await release.confirmBooking(tx, booking.id, paymentId)
      log.info({ booking_id: booking.id, payment_id: paymentId }, 'payment after the hold expired: seats re-taken, booking confirmed')
      return 'retaken'
    }
    await repo.updateBooking(booking.id, { payment_ref: paymentId, refund_amount: booking.amount, refund_status: 'pending', updated_at: now })
    // the refund call runs after this transaction commits, through the job (and the sweeper retries what stays pending)
    await jobs.send(REFUND_JOB, { booking_id: booking.id }, { tx, singletonKey: `${booking.id}:${paymentId}` })
    log.warn({ booking_id: booking.id, payment_id: paymentId }, 'payment after the hold expired with no seat left: refunding in full')
    return 'refund'
  }

  async function onPaymentCaptured(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const payment = paymentEntityOf(event)
    if (!payment?.order_id || (payment.status !== 'captured' && !payment.captured)) {
      log.info({ event: event.event }, 'razorpay event without a captured payment of an order; ignored')
      return
    }
    const booking = await bookingsRepository(tx).lockBookingByOrderId(payment.order_id)
    if (!booking) {
      log.info({ event: event.event, order_id: payment.order_id }, 'razorpay payment for an order we do not know; ignored')
      return
    }
    if (payment.amount !== booking.amount || payment.currency !== 'INR') {
      log.warn(
        { booking_id: booking.id, payment_id: payment.id, amount: payment.amount, currency: payment.currency, expected: booking.amount },
        'razorpay payment amount or currency does not match the booking; ignored',
      )
      return
    }
    await applyPayment(tx, booking, payment.id)
  }

  async function onPaymentFailed(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const payment = paymentEntityOf(event)
    if (!payment?.order_id) return
    const repo = bookingsRepository(tx)
    const booking = await repo.lockBookingByOrderId(payment.order_id)
    // only a hold still waiting is touched: a captured payment never goes back to failed, whatever the order of events
    if (!booking || booking.status !== 'pending_payment' || booking.payment_ref) return
    await repo.updateBooking(booking.id, { payment_failed_at: clock.now(), updated_at: clock.now() })
  }

  async function onRefundSettled(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const refund = refundEntityOf(event)
    if (!refund) return
    const repo = bookingsRepository(tx)
    const booking = await repo.lockBookingByPaymentRef(refund.payment_id)
    if (!booking) return
    // a later refund of the same payment replaced this one's reference: an older refund's news does not overwrite it
    if (booking.refund_ref && booking.refund_ref !== refund.id) return
    // processed is final (events may arrive out of order)
    if (booking.refund_status === 'processed') return
    const status = event.event === 'refund.processed' ? 'processed' : 'failed'
    await repo.updateBooking(booking.id, { refund_status: status, refund_ref: refund.id, updated_at: clock.now() })
  }

  return {
    /** POST /api/payments/razorpay/verify: Checkout's signature over OUR order id and the payment id, then confirm. */
    async verifyPayment(userId: string, body: VerifyPaymentBody): Promise<BookingResponse> {
      const found = await bookingsRepository(db).findBookingByOrderId(body.razorpay_order_id)
      if (!found?.razorpay_order_id || found.user_id !== userId) throw bookingNotFound()
      const signed = verifyPaymentSignature(
        { orderId: found.razorpay_order_id, paymentId: body.razorpay_payment_id, signature: body.razorpay_signature },
        payments?.keySecret ?? '',
      )
      if (!signed) throw invalidPaymentSignature()
      const outcome = await db.transaction(async (tx) => applyPayment(tx, (await bookingsRepository(tx).lockBooking(found.id))!, body.razorpay_payment_id))
      if (outcome === 'refund') await release.settleRefund(found.id).catch(() => undefined) // the job and the sweeper retry
      const booking = (await bookingsRepository(db).findBooking(found.id))!
      if (booking.status !== 'confirmed' && booking.status !== 'completed') throw paymentRefundedAfterExpiry()
      return toBookingView(db, booking)
    },

    /** The webhook intake's handler, inside its transaction (dedupe row and effect commit together). No HTTP calls. */
    async handlePaymentEvent(event: RazorpayWebhookEvent, context: WebhookEventContext): Promise<void> {
      switch (event.event) {
        case 'payment.captured':
        case 'order.paid':
          return onPaymentCaptured(event, context.tx)
        case 'payment.failed':
          return onPaymentFailed(event, context.tx)
        case 'refund.processed':
        case 'refund.failed':
          return onRefundSettled(event, context.tx)
        default:
          return undefined
      }
    },
  }
}
