// The scheduling module as app.ts wires it: batches, sessions and plan options, and the nightly session horizon.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { schedulingRoutes } from './scheduling.routes.js'
import type { SchedulingService } from './scheduling.service.js'
import { EXTEND_HORIZONS_JOB } from './session-horizon.js'

export function schedulingModule({ guard, scheduling }: { guard: AuthGuard; scheduling: SchedulingService }): AppModule {
  return {
    name: 'scheduling',
    routes: async (app) => app.register(schedulingRoutes, { guard, scheduling }),
    jobs: [
      // batches keep eight weeks of sessions ahead: extended every night (02:30 IST), idempotent across processes
      { name: EXTEND_HORIZONS_JOB, handler: async () => void (await scheduling.extendHorizons()), cron: '0 21 * * *' },
    ],
  }
}
