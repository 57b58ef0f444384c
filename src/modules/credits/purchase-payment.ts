// PAYMENTS_MODE test/live: a purchase's Razorpay order (created after its transaction commits) and the two ways its payment
// comes back: Checkout's signed answer (verify) and a verified webhook. Both confirm through confirmPurchase, once.
import type { Executor } from '../../db/database.js'
import { AppError } from '../../shared/errors.js'
import { completeIdempotencyKey, forgetIdempotencyKey } from '../../shared/idempotency.js'
import type { PaymentLogger } from '../bookings/index.js'
import { paymentEntityOf, recordExtraPayment, verifyPaymentSignature, type RazorpayWebhookEvent } from '../payments/index.js'
import { confirmPurchase, purchaseAnswer } from './confirm-purchase.js'
import type { CreditsDeps } from './credits-context.js'
import { creditPurchaseNotFound } from './credits.errors.js'
import { purchasesRepository, type CreditPurchaseRow } from './purchases.repository.js'
import type { CreditPurchaseResponse } from './purchases.schemas.js'

export const purchaseGatewayUnavailable = () =>
  new AppError('unavailable', 'PAYMENT_GATEWAY_UNAVAILABLE', 'The payment provider is unavailable; nothing was charged, please try again shortly', { 'retry-after': '5' })
export const invalidPurchaseSignature = () => new AppError('bad_request', 'INVALID_SIGNATURE', 'The payment signature does not match this order')

/** What Razorpay Checkout hands the app after a payment (validated by the verify route's schema). */
export interface VerifyPurchasePaymentBody {
  razorpay_order_id: string
  razorpay_payment_id: string
  razorpay_signature: string
}

export interface PurchaseAnswer {
  status: number
  body: CreditPurchaseResponse
}

const silent: PaymentLogger = { info: () => undefined, warn: () => undefined }

export function createPurchasePayment(deps: CreditsDeps) {
  const { db, clock } = deps
  const log = deps.logger ?? silent
  const keyId = deps.payments?.keyId

  /** Stores the order on the purchase and completes the key's answer with it; a concurrent retry's stored order wins. */
  async function answerWithOrder(userId: string, key: string, purchaseId: string, orderId: string): Promise<PurchaseAnswer> {
    return db.transaction(async (tx) => {
      const repo = purchasesRepository(tx)
      const purchase = (await repo.lockPurchase(purchaseId))!
      if (!purchase.razorpay_order_id) {
        if (purchase.status !== 'pending_payment') throw purchaseGatewayUnavailable()
        await repo.updatePurchase(purchaseId, { razorpay_order_id: orderId, updated_at: clock.now() })
      }
      const body = await purchaseAnswer(tx, (await repo.findPurchase(purchaseId))!, clock.now(), keyId)
      await completeIdempotencyKey(tx, userId, key, 201, body)
      return { status: 201, body }
    })
  }

  /** The order could not be created: the purchase fails and its key is forgotten, so a retry with it starts afresh. */
  async function failPurchase(userId: string, key: string, purchaseId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const repo = purchasesRepository(tx)
      const purchase = await repo.lockPurchase(purchaseId)
      if (!purchase || purchase.status !== 'pending_payment' || purchase.razorpay_order_id) return
      await repo.updatePurchase(purchaseId, { status: 'failed', updated_at: clock.now() })
      await forgetIdempotencyKey(tx, userId, key)
    })
  }

  /** Applies a captured payment of a purchase's order (locked by the caller's lookup). Idempotent on the purchase. */
  async function applyPayment(tx: Executor, purchase: CreditPurchaseRow, paymentId: string): Promise<void> {
    if (purchase.status === 'paid') {
      if (purchase.payment_ref === paymentId) return
      // a second payment on the same order: granted once; the extra money goes back in full after the commit
      log.warn({ credit_purchase_id: purchase.id, payment_id: paymentId, paid_by: purchase.payment_ref }, 'second razorpay payment for a paid credit purchase; refunding it')
      const extra = { payment_id: paymentId, order_id: purchase.razorpay_order_id ?? '', subject_type: 'credit_purchase' as const, subject_id: purchase.id, amount: purchase.amount }
      await recordExtraPayment(tx, deps.jobs, extra, clock.now())
      return
    }
    await confirmPurchase(deps, tx, purchase.id, paymentId)
  }

  async function onPaymentCaptured(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
    const payment = paymentEntityOf(event)
    if (!payment?.order_id || (payment.status !== 'captured' && !payment.captured)) return
    const purchase = await purchasesRepository(tx).lockPurchaseByOrderId(payment.order_id)
    if (!purchase) return
    if (payment.amount !== purchase.amount || payment.currency !== 'INR') {
      log.warn(
        { credit_purchase_id: purchase.id, payment_id: payment.id, amount: payment.amount, currency: payment.currency, expected: purchase.amount },
        'razorpay payment amount or currency does not match the credit purchase; ignored',
      )
      return
    }
    await applyPayment(tx, purchase, payment.id)
  }

  return {
    /** Completes a fresh answer (or a replay whose order step was interrupted) with the purchase's Razorpay order. */
    async startPayment(userId: string, key: string, answer: PurchaseAnswer): Promise<PurchaseAnswer> {
      if (answer.status !== 201 || answer.body.payment || answer.body.purchase.payment_method !== 'razorpay' || !deps.payments) return answer
      const purchaseId = answer.body.purchase.id
      const purchase = await purchasesRepository(db).findPurchase(purchaseId)
      if (!purchase || purchase.payment_method !== 'razorpay' || purchase.status === 'paid') return answer
      if (purchase.razorpay_order_id) return answerWithOrder(userId, key, purchaseId, purchase.razorpay_order_id)
      if (purchase.status !== 'pending_payment') throw purchaseGatewayUnavailable()
      let orderId: string
      try {
        const order = await deps.payments.orders.createOrder({ amount: purchase.amount, currency: 'INR', receipt: purchase.id, notes: { credit_purchase_id: purchase.id } })
        orderId = order.id
      } catch (err) {
        log.warn({ err, credit_purchase_id: purchaseId }, 'razorpay order could not be created; the credit purchase failed')
        await failPurchase(userId, key, purchaseId)
        // the gateway's own 503 (down, 5xx, timeout) or its refusal (502) as it is; anything else is the gateway being unusable
        throw err instanceof AppError ? err : purchaseGatewayUnavailable()
      }
      return answerWithOrder(userId, key, purchaseId, orderId)
    },

    /** Whether a Razorpay order id belongs to a credit purchase. */
    async ownsOrder(executor: Executor, orderId: string): Promise<boolean> {
      return Boolean(await purchasesRepository(executor).findPurchaseByOrderId(orderId))
    },

    /** Checkout's signature over OUR order id and the payment id, then confirm; verifying again answers the same. */
    async verifyPayment(userId: string, body: VerifyPurchasePaymentBody): Promise<CreditPurchaseResponse> {
      const found = await purchasesRepository(db).findPurchaseByOrderId(body.razorpay_order_id)
      if (!found?.razorpay_order_id || found.user_id !== userId) throw creditPurchaseNotFound()
      const signed = verifyPaymentSignature({ orderId: found.razorpay_order_id, paymentId: body.razorpay_payment_id, signature: body.razorpay_signature }, deps.payments?.keySecret ?? '')
      if (!signed) throw invalidPurchaseSignature()
      return db.transaction(async (tx) => {
        await applyPayment(tx, (await purchasesRepository(tx).lockPurchase(found.id))!, body.razorpay_payment_id)
        return purchaseAnswer(tx, (await purchasesRepository(tx).findPurchase(found.id))!, clock.now(), keyId)
      })
    },

    /** The webhook intake's handler, inside its transaction: captured payments of our orders confirm; others are ignored. */
    async handlePaymentEvent(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
      // payment.failed leaves the purchase pending: Checkout may retry the same order
      if (event.event === 'payment.captured' || event.event === 'order.paid') await onPaymentCaptured(event, tx)
    },
  }
}

export type PurchasePayment = ReturnType<typeof createPurchasePayment>
