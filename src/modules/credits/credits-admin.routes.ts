// /api/admin/users/{id}/credits/adjust and /api/admin/users/{id}/credit-ledger: admins correct and read any user's credits.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { CreditsAdminService } from './credits-admin.service.js'
import { AdjustCreditsBody, AdjustCreditsResponse, AdminLedgerEntryPage, ListLedgerQuery } from './wallet.schemas.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const creditsAdminRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; admin: CreditsAdminService }> = async (app, { guard, admin }) => {
  const adminOnly = guard.requireRole('admin')

  app.post(
    '/admin/users/:id/credits/adjust',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Add or take a user’s credits',
        description:
          'A positive delta adds credits expiring after validity_days (default 90); a negative one takes the soonest-expiring credits. ' +
          'delta 0 is 422 ZERO_DELTA; taking more than the usable balance is 409 INSUFFICIENT_CREDITS (nothing written). ' +
          'One `adjust` ledger entry the user sees with the reason; audited (credits.adjust).',
        security,
        params: IdParams,
        body: AdjustCreditsBody,
        response: { 201: AdjustCreditsResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await admin.adjustUserCredits(auditActorOf(request), request.params.id, request.body)),
  )

  app.get(
    '/admin/users/:id/credit-ledger',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'A user’s credit history',
        description: 'Every change to the user’s wallet, newest first, with the admin behind each adjustment; `entry_type` filters. Expired credits are written off before reading.',
        security,
        params: IdParams,
        querystring: ListLedgerQuery,
        response: { 200: AdminLedgerEntryPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => admin.listUserLedger(request.params.id, request.query),
  )
}
