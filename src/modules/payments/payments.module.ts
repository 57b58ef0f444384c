// The payments module as app.ts wires it: Razorpay's webhook and Checkout's verify, and refunds of second payments.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import type { Checkout } from './checkout.js'
import { REFUND_EXTRA_PAYMENT_JOB } from './extra-payments.js'
import { paymentWebhookRoutes } from './payments.routes.js'
import { paymentVerifyRoutes } from './verify.routes.js'
import { paymentMetrics } from './payment-metrics.js'
import type { Db } from '../../db/database.js'

/** Build it after every payable subject registered with checkout: the verify route's answer schema lists theirs. */
export function paymentsModule({ guard, checkout, db }: { guard: AuthGuard; checkout: Checkout; db: Db }): AppModule {
  return {
    name: 'payments',
    metrics: paymentMetrics(db),
    routes: async (app) => {
      await app.register(paymentWebhookRoutes, { intake: checkout.intake })
      await app.register(paymentVerifyRoutes, { guard, checkout })
    },
    jobs: [
      {
        name: REFUND_EXTRA_PAYMENT_JOB,
        handler: async ({ payment_id }: { payment_id?: string }) => void (payment_id && (await checkout.refundExtraPayment(payment_id))),
      },
    ],
  }
}
