// Public face of the credits module: app.ts wires its routes, its payment event handler and its expiry job; the
// bookings module reaches the wallet through the CreditWallet port built here (spend and refund inside its transaction).
export { EXPIRE_CREDITS_JOB, type CreditsDeps } from './credits-context.js'
export { createCreditWallet, type CreditWallet } from './wallet-port.js'
export { createPurchasesService, type PurchasesService } from './purchases.service.js'
export { grantCredits, openWallet, usableCredits, type LedgerContext } from './credit-ledger.js'
export { createPlansService, type PlansService } from './plans.service.js'
export { createWalletService, type WalletService } from './wallet.service.js'
export { createCreditsAdminService, type CreditsAdminService } from './credits-admin.service.js'
export { creditsModule } from './credits.module.js'
