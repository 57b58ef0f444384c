// The credits module as app.ts wires it: plans, the wallet and its ledger, admin adjustments, and the expiry job.
// Plan purchases are paid through checkout (the payments module), with which the purchases service registers.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { EXPIRE_CREDITS_JOB } from './credits-context.js'
import { creditsAdminRoutes } from './credits-admin.routes.js'
import type { CreditsAdminService } from './credits-admin.service.js'
import { creditPlanRoutes } from './plans.routes.js'
import { creditPurchaseRoutes } from './purchases.routes.js'
import type { PurchasesService } from './purchases.service.js'
import type { PlansService } from './plans.service.js'
import { walletRoutes } from './wallet.routes.js'
import { creditMetrics } from './credit-metrics.js'
import type { Db } from '../../db/database.js'
import type { WalletService } from './wallet.service.js'

export function creditsModule({ guard, plans, wallet, admin, purchases, db }: {
  db: Db
  guard: AuthGuard
  plans: PlansService
  purchases: PurchasesService
  wallet: WalletService
  admin: CreditsAdminService
}): AppModule {
  return {
    name: 'credits',
    metrics: creditMetrics(db),
    routes: async (app) => {
      await app.register(creditPlanRoutes, { guard, plans })
      await app.register(walletRoutes, { guard, wallet })
      await app.register(creditsAdminRoutes, { guard, admin })
      await app.register(creditPurchaseRoutes, { guard, purchases })
    },
    // credits past their date are written off every 10 minutes
    jobs: [{ name: EXPIRE_CREDITS_JOB, handler: async () => void (await wallet.expireCredits()), cron: '*/10 * * * *' }],
  }
}
