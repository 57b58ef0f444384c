// The credits module as app.ts wires it: plans, the wallet and its ledger, admin adjustments, and the expiry job.
// Plan purchases are paid through checkout, which app.ts wires with the payments.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { expireCredits } from './credit-expiry.js'
import { EXPIRE_CREDITS_JOB, type CreditsDeps } from './credits-context.js'
import { creditsAdminRoutes } from './credits-admin.routes.js'
import type { CreditsAdminService } from './credits-admin.service.js'
import { creditPlanRoutes } from './plans.routes.js'
import type { PlansService } from './plans.service.js'
import { walletRoutes } from './wallet.routes.js'
import type { WalletService } from './wallet.service.js'

export function creditsModule({ guard, plans, wallet, admin, credits }: {
  guard: AuthGuard
  plans: PlansService
  wallet: WalletService
  admin: CreditsAdminService
  /** The expiry job's context. */
  credits: Pick<CreditsDeps, 'db' | 'clock' | 'ids'>
}): AppModule {
  return {
    name: 'credits',
    routes: async (app) => {
      await app.register(creditPlanRoutes, { guard, plans })
      await app.register(walletRoutes, { guard, wallet })
      await app.register(creditsAdminRoutes, { guard, admin })
    },
    // credits past their date are written off every 10 minutes
    jobs: [{ name: EXPIRE_CREDITS_JOB, handler: async () => void (await expireCredits(credits)), cron: '*/10 * * * *' }],
  }
}
