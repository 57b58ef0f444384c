// Public face of the financials module: app.ts wires the service and its routes.
export { createFinancialsService, resolveRange, type FinancialsService } from './financials.service.js'
export { financialsModule } from './financials.module.js'
export { bookingCommission, partnerBasisPoints } from './commission.js'
