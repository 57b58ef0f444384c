// Public face of the audit module: every admin use case records its change through recordAudit, inside its transaction.
export { recordAudit, findAuditLogsForTarget, type AuditEntry, type AuditLog } from './audit.repository.js'
