// The analytics module as app.ts wires it: the admin dashboard and reports.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { analyticsRoutes } from './analytics.routes.js'
import type { AnalyticsService } from './analytics.service.js'

export function analyticsModule(deps: { guard: AuthGuard; analytics: AnalyticsService }): AppModule {
  return { name: 'analytics', routes: async (app) => app.register(analyticsRoutes, deps) }
}
