// Public face of the audit module: every admin use case records its change through recordAudit, inside its transaction,
// with the admin and their request IP (`auditActorOf(request)` in the route); admins read the trail at /api/admin/audit-logs.
export { recordAudit, findAuditLogsForTarget, type AuditEntry, type AuditLog } from './audit.repository.js'
export { auditActorOf, type AuditActor } from './audit-actor.js'
export { createAuditService, type AuditService } from './audit.service.js'
export { auditModule } from './audit.module.js'
