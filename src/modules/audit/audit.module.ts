// The audit module as app.ts wires it: the admins' read of the audit trail (every admin use case writes it through recordAudit).
import type { AppModule } from '../../platform/app-module.js'
import type { AuthGuard } from '../../shared/auth.js'
import { auditRoutes } from './audit.routes.js'
import type { AuditService } from './audit.service.js'

export function auditModule({ guard, audit }: { guard: AuthGuard; audit: AuditService }): AppModule {
  return {
    name: 'audit',
    routes: async (app) => {
      await app.register(auditRoutes, { guard, audit })
    },
  }
}
