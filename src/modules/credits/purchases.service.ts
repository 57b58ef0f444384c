// STUB (being written): buying a credit plan (POST /api/subscribe-plan), its Razorpay confirmation and invoice.
import type { Executor } from '../../db/database.js'
import type { RazorpayWebhookEvent, WebhookEventContext } from '../payments/index.js'
import type { CreditsDeps } from './credits-context.js'

export function createPurchasesService(deps: CreditsDeps) {
  void deps
  return {
    /** The webhook intake's handler for orders of credit purchases (ignores other orders), inside its transaction. */
    async handlePaymentEvent(event: RazorpayWebhookEvent, context: WebhookEventContext): Promise<void> {
      void event
      void context
    },
    /** Whether a Razorpay order id belongs to a credit purchase. */
    async ownsOrder(executor: Executor, orderId: string): Promise<boolean> {
      void executor
      void orderId
      return false
    },
  }
}

export type PurchasesService = ReturnType<typeof createPurchasesService>
