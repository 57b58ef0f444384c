// A credit plan purchase as a payable subject of checkout: its order, and the captured payment that grants its credits once.
import type { CaptureOutcome, PayableState, PayableSubject } from '../payments/index.js'
import { PaymentGatewayUnavailableError } from '../../integrations/razorpay/index.js'
import { confirmPurchase, purchaseAnswer } from './confirm-purchase.js'
import type { CreditsDeps } from './credits-context.js'
import { CreditPurchaseNotFoundError } from './credits.errors.js'
import { purchasesRepository, type CreditPurchaseRow } from './purchases.repository.js'
import { CreditPurchaseResponse } from './purchases.schemas.js'

function payableState(purchase: CreditPurchaseRow): PayableState {
  const status = purchase.status === 'paid' ? 'paid' : purchase.status === 'pending_payment' ? 'awaiting' : 'ended'
  return { id: purchase.id, user_id: purchase.user_id, amount: purchase.amount, status, payment_ref: purchase.payment_ref }
}

export function createPurchasePayable(deps: CreditsDeps): PayableSubject<CreditPurchaseResponse, CreditPurchaseResponse> {
  const { db, clock } = deps
  const keyId = () => deps.checkout?.keyId

  return {
    type: 'credit_purchase',
    verifiedResponse: CreditPurchaseResponse,
    orderNotes: (purchaseId) => ({ credit_purchase_id: purchaseId }),
    // a purchase that failed meanwhile gets no order: nothing was charged
    notAwaiting: () => new PaymentGatewayUnavailableError('The payment provider is unavailable; nothing was charged, please try again shortly'),
    notFound: () => new CreditPurchaseNotFoundError(),

    async lock(tx, purchaseId) {
      const purchase = await purchasesRepository(tx).lockPurchase(purchaseId)
      return purchase && payableState(purchase)
    },

    async orderCreated(tx, purchaseId, orderId) {
      await purchasesRepository(tx).updatePurchase(purchaseId, { razorpay_order_id: orderId, updated_at: clock.now() })
    },

    async startFailed(tx, purchaseId) {
      await purchasesRepository(tx).updatePurchase(purchaseId, { status: 'failed', updated_at: clock.now() })
    },

    async startedAnswer(tx, purchaseId) {
      return purchaseAnswer(tx, (await purchasesRepository(tx).findPurchase(purchaseId))!, clock.now(), keyId())
    },

    /** Grants the credits once, whatever the purchase's state (a payment.failed before the capture leaves it pending). */
    async paymentCaptured(tx, state, paymentId): Promise<CaptureOutcome> {
      await confirmPurchase(deps, tx, state.id, paymentId)
      return 'confirmed'
    },

    async verifiedAnswer(purchaseId) {
      return purchaseAnswer(db, (await purchasesRepository(db).findPurchase(purchaseId))!, clock.now(), keyId())
    },
  }
}
