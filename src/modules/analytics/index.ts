// Public face of the analytics module: app.ts wires the service (with the payouts module's queue count) and its routes.
export { createAnalyticsService, type AnalyticsService } from './analytics.service.js'
export { createAnalyticsRepository, type AnalyticsRepository } from './analytics.repository.js'
export { analyticsModule } from './analytics.module.js'
export type { PayoutQueuePort } from './payout-queue-port.js'
