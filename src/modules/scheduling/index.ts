// Public face of the scheduling module: app.ts wires the service and routes; the daily job calls extendSessionHorizons.
export { createSchedulingService, type SchedulingService } from './scheduling.service.js'
export { extendSessionHorizons, HORIZON_WEEKS } from './session-horizon.js'
export { generateSessions, isoWeekday, localDateOf, localToUtc, type BatchSlot, type GeneratedSession } from './session-generator.js'
export type { SessionBookingsPort } from './scheduling-context.js'
export { sessionSeats, takeSeatsSql } from './session-seats.js'
export { EXTEND_HORIZONS_JOB } from './session-horizon.js'
export { schedulingModule } from './scheduling.module.js'
export { BatchNotFoundError, PlanOptionNotFoundError, SessionNotFoundError } from './scheduling.errors.js'
export {
  findBatch, findBatchSessions, findOpenSessions, findPlanKinds, findPlanOption, findSession, findSessions, lockSession, lockSessions, sessionsWithFreeSeats,
  venueSessions,
} from './scheduling-queries.js'
export type { PlanOptionRow, SessionRow } from './scheduling.repository.js'
export { PLAN_KINDS } from '../../db/schema/scheduling.js'
