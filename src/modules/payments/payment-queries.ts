// What other modules read of checkout's records; runs on the caller's executor (its transaction).
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { paymentIntents, paymentRefunds } from '../../db/schema/payments.js'
import type { PayableType } from './payable-subject.js'

export type PaymentRefundRow = typeof paymentRefunds.$inferSelect
export type SubjectPayment = typeof paymentIntents.$inferSelect & { refunds: PaymentRefundRow[] }

/** A subject's Razorpay checkouts (at most one today) with every refund Razorpay made of them, oldest first. */
export async function findPaymentsOfSubject(executor: Executor, type: PayableType, subjectId: string): Promise<SubjectPayment[]> {
  const intents = await executor
    .select()
    .from(paymentIntents)
    .where(and(eq(paymentIntents.subject_type, type), eq(paymentIntents.subject_id, subjectId)))
    .orderBy(asc(paymentIntents.created_at))
  if (intents.length === 0) return []
  const refunds = await executor
    .select()
    .from(paymentRefunds)
    .where(inArray(paymentRefunds.intent_id, intents.map((i) => i.id)))
    .orderBy(asc(paymentRefunds.created_at), asc(paymentRefunds.refund_id))
  return intents.map((intent) => ({ ...intent, refunds: refunds.filter((r) => r.intent_id === intent.id) }))
}
