// A second payment on an order that was already paid: recorded in the confirming transaction and refunded in full through
// Razorpay after the commit (a job, then the sweeper until it settles); refund.* webhooks settle the record.
import { and, asc, eq, isNull, or } from 'drizzle-orm'
import type { Db, Executor } from '../../db/database.js'
import { extraPayments } from '../../db/schema/payments.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { RefundPort } from './gateway-refunds.js'
import type { PayableType } from './payable-subject.js'
import { refundEntityOf, type RazorpayWebhookEvent } from './razorpay-event.js'

export const REFUND_EXTRA_PAYMENT_JOB = 'payments.refund-extra-payment'

export interface ExtraPayment {
  payment_id: string
  order_id: string
  subject_type: PayableType
  subject_id: string
  amount: number
}

/** Records the extra payment once (a redelivered event finds it) and enqueues its refund in the caller's transaction. */
export async function recordExtraPayment(tx: Executor, jobs: JobQueue, payment: ExtraPayment, now: Date): Promise<void> {
  const inserted = await tx
    .insert(extraPayments)
    .values({ ...payment, created_at: now, updated_at: now })
    .onConflictDoNothing({ target: extraPayments.payment_id })
    .returning({ payment_id: extraPayments.payment_id })
  if (inserted.length > 0) await jobs.send(REFUND_EXTRA_PAYMENT_JOB, { payment_id: payment.payment_id }, { tx, singletonKey: `extra:${payment.payment_id}` })
}

export function createExtraPaymentRefunds(deps: { db: Db; clock: Clock; refunds: RefundPort }) {
  const { db, clock } = deps

  /** Asks Razorpay for the refund of one pending extra payment (outside any transaction) and records the answer. */
  async function refundExtraPayment(paymentId: string): Promise<void> {
    const [row] = await db.select().from(extraPayments).where(eq(extraPayments.payment_id, paymentId))
    if (!row || row.refund_status !== 'pending') return
    const result = await deps.refunds.refund({
      subject_type: row.subject_type,
      subject_id: row.subject_id,
      payment_method: 'razorpay',
      payment_ref: row.payment_id,
      amount: row.amount,
      // one refund per payment, however often this runs
      idempotency_key: `extra-${row.payment_id}`,
    })
    if (result.status === 'pending' && !result.refund_ref) return
    await db
      .update(extraPayments)
      .set({ refund_status: result.status, refund_ref: result.refund_ref, updated_at: clock.now() })
      .where(and(eq(extraPayments.payment_id, paymentId), eq(extraPayments.refund_status, 'pending')))
  }

  return {
    refundExtraPayment,

    /** The sweeper's retry of extra payments whose refund has not been asked for successfully yet. Returns how many. */
    async refundPendingExtraPayments(): Promise<number> {
      const pending = await db
        .select({ payment_id: extraPayments.payment_id })
        .from(extraPayments)
        .where(and(eq(extraPayments.refund_status, 'pending'), isNull(extraPayments.refund_ref)))
        .orderBy(asc(extraPayments.updated_at))
        .limit(100)
      let asked = 0
      for (const { payment_id } of pending) if (await refundExtraPayment(payment_id).then(() => true, () => false)) asked++
      return asked
    },

    /** refund.processed / refund.failed of an extra payment, in the webhook intake's transaction; processed is final. */
    async handleRefundEvent(event: RazorpayWebhookEvent, tx: Executor): Promise<void> {
      if (event.event !== 'refund.processed' && event.event !== 'refund.failed') return
      const refund = refundEntityOf(event)
      if (!refund) return
      await tx
        .update(extraPayments)
        .set({ refund_status: event.event === 'refund.processed' ? 'processed' : 'failed', refund_ref: refund.id, updated_at: clock.now() })
        .where(
          and(
            eq(extraPayments.payment_id, refund.payment_id),
            or(eq(extraPayments.refund_status, 'pending'), eq(extraPayments.refund_status, 'failed')),
            or(isNull(extraPayments.refund_ref), eq(extraPayments.refund_ref, refund.id)),
          ),
        )
    },
  }
}

export type ExtraPaymentRefunds = ReturnType<typeof createExtraPaymentRefunds>
