// Payment intents and their refunds: one Razorpay order per payable subject, found by order, payment or subject.
import { and, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { paymentIntents, paymentRefunds } from '../../db/schema/payments.js'
import type { PayableType } from './payable-subject.js'

export type PaymentIntentRow = typeof paymentIntents.$inferSelect
export type NewPaymentIntent = typeof paymentIntents.$inferInsert

export function paymentIntentsRepository(executor: Executor) {
  return {
    async findBySubject(type: PayableType, subjectId: string): Promise<PaymentIntentRow | undefined> {
      const [row] = await executor.select().from(paymentIntents).where(and(eq(paymentIntents.subject_type, type), eq(paymentIntents.subject_id, subjectId)))
      return row
    },

    async findByOrderId(orderId: string): Promise<PaymentIntentRow | undefined> {
      const [row] = await executor.select().from(paymentIntents).where(eq(paymentIntents.razorpay_order_id, orderId))
      return row
    },

    async lockByOrderId(orderId: string): Promise<PaymentIntentRow | undefined> {
      const [row] = await executor.select().from(paymentIntents).where(eq(paymentIntents.razorpay_order_id, orderId)).for('update')
      return row
    },

    async lockByPaymentId(paymentId: string): Promise<PaymentIntentRow | undefined> {
      const [row] = await executor.select().from(paymentIntents).where(eq(paymentIntents.razorpay_payment_id, paymentId)).for('update')
      return row
    },

    async insert(row: NewPaymentIntent): Promise<void> {
      await executor.insert(paymentIntents).values(row)
    },

    async update(id: string, changes: Partial<NewPaymentIntent>): Promise<void> {
      await executor.update(paymentIntents).set(changes).where(eq(paymentIntents.id, id))
    },

    /** Records a refund's latest news (processed is final), then sets the intent's refunded amount to the processed sum. */
    async recordRefund(intentId: string, refund: { refund_id: string; amount: number; status: 'pending' | 'processed' | 'failed' }, now: Date): Promise<void> {
      await executor
        .insert(paymentRefunds)
        .values({ ...refund, intent_id: intentId, created_at: now, updated_at: now })
        .onConflictDoUpdate({
          target: paymentRefunds.refund_id,
          set: { status: refund.status, updated_at: now },
          setWhere: sql`${paymentRefunds.status} <> 'processed'`,
        })
      await executor
        .update(paymentIntents)
        .set({
          refunded_amount: sql`least(${paymentIntents.captured_amount}, (select coalesce(sum(${paymentRefunds.amount}), 0)::int from ${paymentRefunds} where ${paymentRefunds.intent_id} = ${intentId} and ${paymentRefunds.status} = 'processed'))`,
          status: sql`case when ${paymentIntents.captured_amount} > 0 and (select coalesce(sum(${paymentRefunds.amount}), 0) from ${paymentRefunds} where ${paymentRefunds.intent_id} = ${intentId} and ${paymentRefunds.status} = 'processed') >= ${paymentIntents.captured_amount} then 'refunded' else ${paymentIntents.status} end`,
          updated_at: now,
        })
        .where(eq(paymentIntents.id, intentId))
    },
  }
}
