// The invoices module as app.ts wires it: reading invoices (the bookings and credits modules issue them).
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { invoiceRoutes } from './invoices.routes.js'
import type { InvoicesService } from './invoices.service.js'

export function invoicesModule(deps: { guard: AuthGuard; invoices: InvoicesService }): AppModule {
  return { name: 'invoices', routes: async (app) => app.register(invoiceRoutes, deps) }
}
