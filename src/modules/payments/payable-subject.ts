// The port a payable thing (a booking, a credit plan purchase; payouts next) implements to be paid through checkout.
// Checkout owns the order, the signatures, the webhook events and the refunds; the subject owns only what a payment does to it.
import type { TSchema } from 'typebox'
import type { Executor } from '../../db/database.js'
import type { AppError } from '../../shared/errors.js'
import type { PaymentStart } from './payments.schemas.js'

export type PayableType = 'booking' | 'credit_purchase'

/** A subject as checkout sees it, read under the subject's row lock in the caller's transaction. */
export interface PayableState {
  id: string
  user_id: string
  /** Paise: what the order asks for, and what a captured payment must match. */
  amount: number
  /** awaiting: a payment completes it; paid: a payment did (payment_ref); ended: closed unpaid (expired, cancelled, failed). */
  status: 'awaiting' | 'paid' | 'ended'
  payment_ref: string | null
}

/** What a proven payment did to its subject: confirmed it, or found it could not take it (a full refund was set going). */
export type CaptureOutcome = 'confirmed' | 'refund'

export interface RefundNews {
  refund_id: string
  status: 'processed' | 'failed'
}

export interface PayableSubject<Started = unknown, Verified = unknown> {
  readonly type: PayableType
  /** The 200 answer of POST /api/payments/razorpay/verify for this kind of subject, with examples. */
  readonly verifiedResponse: TSchema
  /** Notes stored on the Razorpay order, e.g. `{ booking_id }`. */
  orderNotes(subjectId: string): Record<string, string>
  lock(tx: Executor, subjectId: string): Promise<PayableState | undefined>
  /** A subject that no longer awaits payment when its order would be stored (e.g. the hold expired). */
  notAwaiting(): AppError
  notFound(): AppError
  /** The order exists: the subject keeps its id (its answers show it). */
  orderCreated(tx: Executor, subjectId: string, orderId: string): Promise<void>
  /** The order could not be created: the subject gives back what it held. */
  startFailed(tx: Executor, subjectId: string): Promise<void>
  /** The answer to the request that started the payment, with the order to pay. */
  startedAnswer(tx: Executor, subjectId: string, payment: PaymentStart): Promise<Started>
  /** A proven payment of a subject it has not paid yet, inside the confirming transaction. No HTTP calls. */
  paymentCaptured(tx: Executor, state: PayableState, paymentId: string): Promise<CaptureOutcome>
  /** Razorpay reported a failed attempt on a subject still awaiting payment (Checkout may retry the order). */
  paymentFailed?(tx: Executor, subjectId: string): Promise<void>
  /** Razorpay settled a refund of the subject's payment. */
  refundSettled?(tx: Executor, subjectId: string, news: RefundNews): Promise<void>
  /** Verify's answer after its transaction committed (the subject may still act, e.g. ask for its refund at once). */
  verifiedAnswer(subjectId: string, outcome: CaptureOutcome | 'duplicate' | 'extra_payment'): Promise<Verified>
}
