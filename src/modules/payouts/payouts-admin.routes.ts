// /api/admin/payout-requests: admins list partners' payout requests and approve, reject or mark them paid (each audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { AdminListPayoutRequestsQuery, AdminPayoutRequestPage, AdminPayoutRequestResponse, MarkPayoutPaidBody, RejectPayoutBody } from './payouts.schemas.js'
import type { PayoutsService } from './payouts.service.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const adminPayoutRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; payouts: PayoutsService }> = async (app, { guard, payouts }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/payout-requests',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Partners’ payout requests',
        description: 'Newest first; filters: status, partner_id, and from/to (India days the request was made, inclusive; to before from is 422 INVALID_DATE_RANGE).',
        security,
        querystring: AdminListPayoutRequestsQuery,
        response: { 200: AdminPayoutRequestPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => payouts.listAll(request.query),
  )

  app.post(
    '/admin/payout-requests/:id/approve',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Approve a payout request',
        description:
          'requested → approved, audited (payout.approve). PAYOUTS_MODE=manual: pay it from the bank, then mark it paid. razorpayx: a job pays it ' +
          'through RazorpayX after this answer (processing, then paid, failed or reversed from its webhooks); a partner without bank details on ' +
          'their KYC is 409 BANK_DETAILS_MISSING. Any other state is 409 PAYOUT_WRONG_STATE.',
        security,
        params: IdParams,
        response: { 200: AdminPayoutRequestResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => payouts.approve(auditActorOf(request), request.params.id),
  )

  app.post(
    '/admin/payout-requests/:id/reject',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Reject a payout request',
        description:
          'requested (or approved for a manual payment) → rejected with the reason the partner sees; the amount is payable again. Audited ' +
          '(payout.reject). Any other state is 409 PAYOUT_WRONG_STATE.',
        security,
        params: IdParams,
        body: RejectPayoutBody,
        response: { 200: AdminPayoutRequestResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => payouts.reject(auditActorOf(request), request.params.id, request.body),
  )

  app.post(
    '/admin/payout-requests/:id/mark-paid',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Record the bank transfer of a manual payout',
        description:
          'approved (manual) → paid with the transfer’s UTR (12–22 letters and digits, stored upper case); paid_out of the partner’s summary ' +
          'counts it from now. Audited (payout.mark_paid). A RazorpayX payout is 409 PAYOUT_NOT_MANUAL; any other state 409 PAYOUT_WRONG_STATE.',
        security,
        params: IdParams,
        body: MarkPayoutPaidBody,
        response: { 200: AdminPayoutRequestResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => payouts.markPaid(auditActorOf(request), request.params.id, request.body),
  )
}
