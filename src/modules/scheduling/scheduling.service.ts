// Scheduling: plan options, batches and their generated sessions, one-off sessions, and the public reads of them.
import { createPublicScheduleUseCases } from './use-cases/public-schedule.js'
import { createBatchUseCases } from './use-cases/batches.js'
import { createPlanOptionUseCases } from './use-cases/plan-options.js'
import { createSessionUseCases } from './use-cases/sessions.js'
import type { SchedulingDeps } from './scheduling-context.js'

import { extendSessionHorizons } from './session-horizon.js'

export function createSchedulingService(deps: SchedulingDeps) {
  return {
    ...createPlanOptionUseCases(deps),
    ...createBatchUseCases(deps),
    ...createSessionUseCases(deps),
    ...createPublicScheduleUseCases(deps),
    /** The nightly job: every active batch keeps its sessions generated HORIZON_WEEKS ahead. */
    extendHorizons: () => extendSessionHorizons(deps.db, deps.clock),
  }
}

export type SchedulingService = ReturnType<typeof createSchedulingService>
