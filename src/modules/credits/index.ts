// Public face of the credits module: app.ts wires its routes, its payment event handler and its expiry job; the
// bookings module reaches the wallet through the CreditWallet port built here (spend and refund inside its transaction).
export { EXPIRE_CREDITS_JOB, type CreditsDeps } from './credits-context.js'
export { createCreditWallet, type CreditWallet } from './wallet-port.js'
export { expireCredits } from './credit-expiry.js'
export { creditPlanRoutes } from './plans.routes.js'
export { walletRoutes } from './wallet.routes.js'
export { creditsAdminRoutes } from './credits-admin.routes.js'
export { createPurchasesService, type PurchasesService } from './purchases.service.js'
export { creditPurchaseRoutes } from './purchases.routes.js'
export { grantCredits, openWallet, type LedgerContext } from './credit-ledger.js'
