// Public face of the scheduling module: app.ts wires the service and routes; the daily job calls extendSessionHorizons.
export { createSchedulingService, type SchedulingService } from './scheduling.service.js'
export { schedulingRoutes } from './scheduling.routes.js'
export { extendSessionHorizons, HORIZON_WEEKS } from './session-horizon.js'
export { generateSessions, isoWeekday, localDateOf, localToUtc, type BatchSlot, type GeneratedSession } from './session-generator.js'
export type { SessionBookingsPort } from './scheduling-context.js'
export { sessionSeats } from './session-seats.js'
export { BatchNotFoundError, PlanOptionNotFoundError, SessionNotFoundError } from './scheduling.errors.js'
