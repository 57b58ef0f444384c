// Checkout, the one owner of paying with Razorpay: orders, Checkout's signatures, webhook events, refunds and second payments.
// Payable subjects (bookings, credit purchases) register their callbacks; nothing else creates orders or refunds payments.
import { createCheckoutContext, type CheckoutDeps } from './checkout-context.js'
import { createExtraPaymentRefunds } from './extra-payments.js'
import { createGatewayRefunds, createMockRefunds, type RefundPort } from './gateway-refunds.js'
import type { PayableSubject } from './payable-subject.js'
import { paymentIntentsRepository } from './payment-intents.repository.js'
import { createSettlePayment } from './settle-payment.js'
import { createStartPayment } from './start-payment.js'
import { createWebhookIntake } from './webhook-intake.js'

export function createCheckout(deps: CheckoutDeps) {
  const ctx = createCheckoutContext(deps)
  const { db, clock } = ctx
  const gatewayRefunds = createGatewayRefunds(ctx.gateway, createMockRefunds(ctx.ids))

  /** Refunds through the gateway (or the mock); a Razorpay refund's id and status are recorded on the payment's intent. */
  const refunds: RefundPort = {
    async refund(request) {
      const result = await gatewayRefunds.refund(request)
      if (request.payment_method === 'razorpay' && request.payment_ref && result.refund_ref && result.status !== 'failed') {
        const news = { refund_id: result.refund_ref, amount: request.amount, status: result.status }
        await db.transaction(async (tx) => {
          const intent = await paymentIntentsRepository(tx).lockByPaymentId(request.payment_ref!)
          if (intent) await paymentIntentsRepository(tx).recordRefund(intent.id, news, clock.now())
        })
      }
      return result
    },
  }
  const extraPayments = createExtraPaymentRefunds({ db, clock, refunds })
  const settle = createSettlePayment(ctx)
  const intake = createWebhookIntake({
    db,
    clock,
    secrets: [deps.keys.webhookSecret, deps.keys.previousWebhookSecret],
    // payment.captured / order.paid confirm, payment.failed marks the attempt, refund.* settle refunds: in the intake's transaction
    onEvent: async (event, context) => {
      await settle.handlePaymentEvent(event, context)
      await extraPayments.handleRefundEvent(event, context.tx)
    },
  })

  return {
    /** A payable kind joins checkout: its orders are verified, its webhook events applied and its payments refunded. */
    register(subject: PayableSubject): void {
      ctx.subjects.set(subject.type, subject)
    },
    /** The registered subjects, for the verify route's answer schema. */
    subjects: (): readonly PayableSubject[] => [...ctx.subjects.values()],
    /** Sent to the parent's app with each order, for Razorpay Checkout. */
    keyId: ctx.keyId,
    startPayment: createStartPayment(ctx),
    verifyPayment: settle.verifyPayment,
    intake,
    refunds,
    /** Jobs: a second payment's refund, and the sweeper's retry of those still pending. */
    refundExtraPayment: extraPayments.refundExtraPayment,
    refundPendingExtraPayments: extraPayments.refundPendingExtraPayments,
  }
}

export type Checkout = ReturnType<typeof createCheckout>
