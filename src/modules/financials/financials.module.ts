// The financials module as app.ts wires it: a partner's earnings summary, from their bookings.
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { financialsRoutes } from './financials.routes.js'
import type { FinancialsService } from './financials.service.js'

export function financialsModule(deps: { guard: AuthGuard; financials: FinancialsService }): AppModule {
  return { name: 'financials', routes: async (app) => app.register(financialsRoutes, deps) }
}
