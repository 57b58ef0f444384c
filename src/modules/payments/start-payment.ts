// Starting a Razorpay payment after the subject's own transaction committed: create the order (an HTTP call, so never inside
// a transaction), store it as the subject's intent and complete the Idempotency-Key answer with it. If the order cannot be
// created, the subject gives back what it held and the key is forgotten, so a retry with it starts afresh.
import { PaymentGatewayUnavailableError } from '../../integrations/razorpay/index.js'
import { AppError } from '../../shared/errors.js'
import { completeIdempotencyKey, forgetIdempotencyKey } from '../../shared/idempotency.js'
import type { CheckoutContext } from './checkout-context.js'
import type { PayableSubject } from './payable-subject.js'
import { paymentIntentsRepository } from './payment-intents.repository.js'

export interface StartPaymentRequest {
  userId: string
  /** The Idempotency-Key of the request that made the subject; its stored answer gains the order. */
  idempotencyKey: string
  subjectId: string
}

export interface StartedAnswer<Answer> {
  status: 201
  body: Answer
}

export function createStartPayment(ctx: CheckoutContext) {
  const { db, clock } = ctx

  /** Stores the order as the subject's intent (a concurrent retry's stored order wins) and answers with it. */
  async function answerWithOrder<A>(subject: PayableSubject<A, unknown>, request: StartPaymentRequest, orderId: string): Promise<StartedAnswer<A>> {
    return db.transaction(async (tx) => {
      const state = await subject.lock(tx, request.subjectId)
      if (!state) throw subject.notFound()
      const intents = paymentIntentsRepository(tx)
      const stored = await intents.findBySubject(subject.type, state.id)
      if (!stored) {
        if (state.status !== 'awaiting') throw subject.notAwaiting()
        const now = clock.now()
        const intent = { subject_type: subject.type, subject_id: state.id, user_id: state.user_id, amount: state.amount }
        await intents.insert({ ...intent, id: ctx.ids.next(), razorpay_order_id: orderId, created_at: now, updated_at: now })
        await subject.orderCreated(tx, state.id, orderId)
      }
      const payment = { razorpay_order_id: stored?.razorpay_order_id ?? orderId, amount: state.amount, currency: 'INR', key_id: ctx.keyId }
      const body = await subject.startedAnswer(tx, state.id, payment)
      await completeIdempotencyKey(tx, request.userId, request.idempotencyKey, 201, body)
      return { status: 201 as const, body }
    })
  }

  /** The order could not be created: the subject releases what it holds, unless an order was stored meanwhile. */
  async function abandon(subject: PayableSubject, request: StartPaymentRequest): Promise<void> {
    await db.transaction(async (tx) => {
      const state = await subject.lock(tx, request.subjectId)
      if (!state || state.status !== 'awaiting' || (await paymentIntentsRepository(tx).findBySubject(subject.type, state.id))) return
      await subject.startFailed(tx, state.id)
      await forgetIdempotencyKey(tx, request.userId, request.idempotencyKey)
    })
  }

  /** Completes a fresh subject's answer (or a replay whose order step was interrupted) with its Razorpay order. */
  return async function startPayment<A>(subject: PayableSubject<A, unknown>, request: StartPaymentRequest): Promise<StartedAnswer<A>> {
    const existing = await paymentIntentsRepository(db).findBySubject(subject.type, request.subjectId)
    if (existing) return answerWithOrder(subject, request, existing.razorpay_order_id)
    const state = await db.transaction((tx) => subject.lock(tx, request.subjectId))
    if (!state) throw subject.notFound()
    if (state.status !== 'awaiting') throw subject.notAwaiting()
    let orderId: string
    try {
      const order = await ctx.gateway.createOrder({ amount: state.amount, currency: 'INR', receipt: state.id, notes: subject.orderNotes(state.id) })
      orderId = order.id
    } catch (err) {
      ctx.log.warn({ err, subject_type: subject.type, subject_id: state.id }, 'razorpay order could not be created; the payment is abandoned')
      await abandon(subject, request)
      // the gateway's own 503 (down, 5xx, timeout) or its refusal (502) as it is; anything else is the gateway being unusable
      throw err instanceof AppError ? err : new PaymentGatewayUnavailableError('The payment provider is unavailable; nothing was charged, please try again shortly')
    }
    return answerWithOrder(subject, request, orderId)
  }
}
