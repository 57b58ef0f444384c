// A Razorpay payment reaching its subject, by Checkout's signed answer (verify) or by a verified webhook: applied once per
// payment id, under the subject's row lock; a second payment on a paid order is recorded and refunded in full.
import type { Executor } from '../../db/database.js'
import type { CheckoutContext } from './checkout-context.js'
import { recordExtraPayment } from './extra-payments.js'
import type { CaptureOutcome, PayableState, PayableSubject } from './payable-subject.js'
import { paymentIntentsRepository, type PaymentIntentRow } from './payment-intents.repository.js'
import { InvalidPaymentSignatureError, PaymentOrderNotFoundError } from './payments.errors.js'
import type { VerifyPaymentBody } from './payments.schemas.js'
import { paymentEntityOf, refundEntityOf, type RazorpayWebhookEvent } from './razorpay-event.js'
import { verifyPaymentSignature } from './razorpay-signatures.js'
import type { WebhookEventContext } from './webhook-intake.js'

export type PaymentOutcome = CaptureOutcome | 'duplicate' | 'extra_payment'

export function createSettlePayment(ctx: CheckoutContext) {
  const { db, clock, log } = ctx

  /** Applies a proven payment to the intent's locked subject. Idempotent on the payment id. */
  async function applyPayment(tx: Executor, intent: PaymentIntentRow, subject: PayableSubject, state: PayableState, paymentId: string): Promise<PaymentOutcome> {
    if (state.payment_ref === paymentId) return 'duplicate'
    const now = clock.now()
    if (state.status === 'paid') {
      // a second payment on the same order: the subject is paid once; the extra money goes back in full after the commit
      log.warn({ subject_type: subject.type, subject_id: state.id, payment_id: paymentId, paid_by: state.payment_ref }, 'second razorpay payment for a paid order; refunding it')
      const extra = { payment_id: paymentId, order_id: intent.razorpay_order_id, subject_type: subject.type, subject_id: state.id, amount: state.amount }
      await recordExtraPayment(tx, ctx.jobs, extra, now)
      return 'extra_payment'
    }
    const outcome = await subject.paymentCaptured(tx, state, paymentId)
    await paymentIntentsRepository(tx).update(intent.id, { razorpay_payment_id: paymentId, status: 'captured', captured_amount: state.amount, updated_at: now })
    return outcome
  }

  /** The intent of an order and its subject, both locked (subject first, as every subject use case locks it first). */
  async function lockOrder(tx: Executor, orderId: string) {
    const found = await paymentIntentsRepository(tx).findByOrderId(orderId)
    if (!found) return undefined
    const subject = ctx.subjectOf(found.subject_type)
    const state = await subject.lock(tx, found.subject_id)
    const intent = await paymentIntentsRepository(tx).lockByOrderId(orderId)
    return state && intent ? { intent, subject, state } : undefined
  }

  async function onPaymentCaptured(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const payment = paymentEntityOf(event)
    if (!payment?.order_id || (payment.status !== 'captured' && !payment.captured)) {
      log.info({ event: event.event }, 'razorpay event without a captured payment of an order; ignored')
      return
    }
    const locked = await lockOrder(tx, payment.order_id)
    if (!locked) {
      log.info({ event: event.event, order_id: payment.order_id }, 'razorpay payment for an order we do not know; ignored')
      return
    }
    if (payment.amount !== locked.intent.amount || payment.currency !== locked.intent.currency) {
      log.warn(
        { subject_type: locked.subject.type, subject_id: locked.state.id, payment_id: payment.id, amount: payment.amount, currency: payment.currency, expected: locked.intent.amount },
        'razorpay payment amount or currency does not match the order; ignored',
      )
      return
    }
    await applyPayment(tx, locked.intent, locked.subject, locked.state, payment.id)
  }

  async function onPaymentFailed(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const payment = paymentEntityOf(event)
    if (!payment?.order_id) return
    const locked = await lockOrder(tx, payment.order_id)
    // only a subject still waiting is touched: a captured payment never goes back to failed, whatever the order of events
    if (!locked || locked.state.status !== 'awaiting' || locked.state.payment_ref) return
    await locked.subject.paymentFailed?.(tx, locked.state.id)
    if (locked.intent.status === 'created') await paymentIntentsRepository(tx).update(locked.intent.id, { status: 'failed', updated_at: clock.now() })
  }

  async function onRefundSettled(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const refund = refundEntityOf(event)
    if (!refund) return
    const intents = paymentIntentsRepository(tx)
    const found = await intents.lockByPaymentId(refund.payment_id)
    if (!found) return
    const status = event.event === 'refund.processed' ? 'processed' : 'failed'
    await ctx.subjectOf(found.subject_type).refundSettled?.(tx, found.subject_id, { refund_id: refund.id, status })
    if (refund.amount > 0) await intents.recordRefund(found.id, { refund_id: refund.id, amount: refund.amount, status }, clock.now())
  }

  return {
    /** POST /api/payments/razorpay/verify: Checkout's signature over OUR order id and the payment id, then apply it. */
    async verifyPayment(userId: string, body: VerifyPaymentBody): Promise<unknown> {
      const found = await paymentIntentsRepository(db).findByOrderId(body.razorpay_order_id)
      // another parent's order answers the same as an unknown one
      if (!found || found.user_id !== userId) throw found ? ctx.subjectOf(found.subject_type).notFound() : new PaymentOrderNotFoundError()
      const subject = ctx.subjectOf(found.subject_type)
      const signed = verifyPaymentSignature({ orderId: found.razorpay_order_id, paymentId: body.razorpay_payment_id, signature: body.razorpay_signature }, ctx.keySecret)
      if (!signed) throw new InvalidPaymentSignatureError()
      const outcome = await db.transaction(async (tx) => {
        const locked = await lockOrder(tx, found.razorpay_order_id)
        if (!locked) throw subject.notFound()
        return applyPayment(tx, locked.intent, subject, locked.state, body.razorpay_payment_id)
      })
      return subject.verifiedAnswer(found.subject_id, outcome)
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
