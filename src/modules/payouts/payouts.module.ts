// The payouts module as app.ts wires it: partner and admin payout routes, the RazorpayX webhook and the pay-out job.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import type { WebhookIntake } from '../payments/index.js'
import { PAY_OUT_JOB } from './payouts-context.js'
import { adminPayoutRoutes } from './payouts-admin.routes.js'
import { partnerPayoutRoutes } from './payouts.routes.js'
import type { PayoutsService } from './payouts.service.js'
import { payoutWebhookRoutes } from './payouts-webhook.routes.js'
import type { RazorpayXPayouts } from './razorpayx-payouts.js'

export function payoutsModule(deps: { guard: AuthGuard; payouts: PayoutsService; razorpayx: RazorpayXPayouts; intake: WebhookIntake }): AppModule {
  const { guard, payouts, razorpayx, intake } = deps
  return {
    name: 'payouts',
    routes: async (app) => {
      await app.register(partnerPayoutRoutes, { guard, payouts })
      await app.register(adminPayoutRoutes, { guard, payouts })
      await app.register(payoutWebhookRoutes, { intake })
    },
    jobs: [{ name: PAY_OUT_JOB, handler: async ({ payout_request_id }: { payout_request_id?: string }) => void (payout_request_id && (await razorpayx.payOut(payout_request_id))) }],
  }
}
