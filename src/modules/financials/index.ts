// Public face of the financials module: app.ts wires the service and its routes.
export { commissionPercentOf, createFinancialsService, payableNow, resolveRange, startOfIndiaDay, type FinancialsService, type PayoutTotals } from './financials.service.js'
export { financialsModule } from './financials.module.js'
export { InvalidDateRangeError } from './financials.errors.js'
export { bookingCommission, partnerBasisPoints } from './commission.js'
