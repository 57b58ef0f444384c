// /api/admin/audit-logs: what admins changed, by whom, from where and when.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { AuditLogPage, ListAuditLogsQuery } from './audit.schemas.js'
import type { AuditService } from './audit.service.js'

export const auditRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; audit: AuditService }> = async (app, { guard, audit }) => {
  app.get(
    '/admin/audit-logs',
    {
      onRequest: guard.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'The audit trail of admin actions',
        description:
          'Newest first. Filters combine: `actor_id`, `action` (exact, e.g. `listing.approve`), `target_type` and `target_id`, ' +
          '`from`/`to` (India days, inclusive; 422 INVALID_DATE_RANGE when `to` is before `from`). Each row is written in the same ' +
          'transaction as the change it records, with the admin’s request IP.',
        security: [{ bearer: [] }],
        querystring: ListAuditLogsQuery,
        response: { 200: AuditLogPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => audit.listAuditLogs(request.query),
  )
}
