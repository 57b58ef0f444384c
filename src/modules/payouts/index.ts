// Public face of the payouts module: app.ts wires the services, the webhook intake and the routes; financials reads the totals.
export { createPayoutsService, type PayoutsService } from './payouts.service.js'
export { createRazorpayXPayouts, type RazorpayXPayouts } from './razorpayx-payouts.js'
export { countPendingPayoutRequests, payoutTotals } from './payouts.repository.js'
export { PAY_OUT_JOB } from './payouts-context.js'
export { payoutsModule } from './payouts.module.js'
