// The health module as app.ts wires it: GET /api/health.
import type { Database } from '../../db/database.js'
import type { AppModule } from '../../platform/app-module.js'
import { healthRoutes } from './health.routes.js'

export function healthModule(deps: { database: Database; version: string }): AppModule {
  return { name: 'health', routes: async (app) => app.register(healthRoutes, deps) }
}
