// Buying a credit plan (POST /api/subscribe-plan): the price and credits come from the plan row. Mock payments and free plans
// confirm in the one transaction that records the purchase and its Idempotency-Key answer; Razorpay ones get an order after it.
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '../../shared/idempotency.js'
import { confirmPurchase, purchaseAnswer } from './confirm-purchase.js'
import type { CreditsDeps } from './credits-context.js'
import { CreditPlanNotFoundError, TrialPlanAlreadyBoughtError } from './credits.errors.js'
import { createPurchasePayable } from './purchase-payable.js'
import { purchasesRepository } from './purchases.repository.js'
import type { CreditPurchaseResponse, SubscribePlanBody } from './purchases.schemas.js'

export interface PurchaseAnswer {
  status: number
  body: CreditPurchaseResponse
}

export function createPurchasesService(deps: CreditsDeps) {
  const { db, clock, ids } = deps
  const payable = createPurchasePayable(deps)
  // checkout verifies and confirms Razorpay-paid purchases through these callbacks
  deps.checkout?.register(payable)

  /** test/live: a fresh Razorpay purchase's answer gains its order, created after the purchase's transaction committed. */
  async function startPayment(userId: string, idempotencyKey: string, answer: PurchaseAnswer): Promise<PurchaseAnswer> {
    const checkout = deps.checkout
    const { purchase } = answer.body
    if (!checkout || answer.status !== 201 || answer.body.payment || purchase.payment_method !== 'razorpay' || purchase.status === 'paid') return answer
    return checkout.startPayment(payable, { userId, idempotencyKey, subjectId: purchase.id })
  }

  async function recordPurchase(userId: string, key: string, body: SubscribePlanBody): Promise<PurchaseAnswer> {
    const hash = requestHash('POST /api/subscribe-plan', body)
    const now = clock.now()
    return db.transaction(async (tx) => {
      const claim = await claimIdempotencyKey(tx, userId, key, hash, now)
      if (claim.kind === 'replay') return { status: claim.code, body: claim.body as CreditPurchaseResponse }
      const repo = purchasesRepository(tx)
      const plan = await repo.findActivePlan(body.plan_id)
      if (!plan) throw new CreditPlanNotFoundError()
      // once per parent; the partial unique index backs this check against a concurrent second purchase
      if (plan.is_trial && (await repo.hasTrialPurchase(userId))) throw new TrialPlanAlreadyBoughtError()
      // a free plan needs no gateway in any mode
      const instant = deps.paymentsMode === 'mock' || plan.price === 0
      const purchase = await repo.insertPurchase({
        id: ids.next(),
        user_id: userId,
        plan_id: plan.id,
        plan_name: plan.name,
        status: 'pending_payment',
        amount: plan.price,
        credits: plan.credits,
        bonus_credits: plan.bonus_credits,
        validity_days: plan.validity_days,
        is_trial: plan.is_trial,
        payment_method: plan.price === 0 ? 'free' : instant ? 'mock' : 'razorpay',
        created_at: now,
        updated_at: now,
      })
      // pending only until the next statement when instant: nobody sees it before the commit
      const row = instant ? await confirmPurchase(deps, tx, purchase.id, null) : purchase
      const answer = await purchaseAnswer(tx, row, now, deps.checkout?.keyId)
      await completeIdempotencyKey(tx, userId, key, 201, answer)
      return { status: 201, body: answer }
    })
  }

  return {
    /** POST /api/subscribe-plan; the Razorpay order (test/live) is created after the purchase's transaction commits. */
    async subscribePlan(userId: string, key: string, body: SubscribePlanBody): Promise<PurchaseAnswer> {
      return startPayment(userId, key, await recordPurchase(userId, key, body))
    },
  }
}

export type PurchasesService = ReturnType<typeof createPurchasesService>
