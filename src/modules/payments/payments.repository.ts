// Webhook deliveries: one row per Razorpay event id; a redelivery finds its row and changes nothing.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { paymentWebhookEvents } from '../../db/schema/payments.js'

export function paymentsRepository(executor: Executor) {
  return {
    /** True when this delivery is the first with its event id (the row was inserted). */
    async insertWebhookEvent(row: { event_id: string; event_type: string; payload: unknown; received_at: Date }): Promise<boolean> {
      const inserted = await executor
        .insert(paymentWebhookEvents)
        .values(row)
        .onConflictDoNothing({ target: paymentWebhookEvents.event_id })
        .returning({ event_id: paymentWebhookEvents.event_id })
      return inserted.length === 1
    },
    async markWebhookEventProcessed(eventId: string, at: Date): Promise<void> {
      await executor.update(paymentWebhookEvents).set({ processed_at: at }).where(eq(paymentWebhookEvents.event_id, eventId))
    },
    async findWebhookEvent(eventId: string) {
      const [row] = await executor.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.event_id, eventId))
      return row
    },
  }
}
