// /api/partner/payout-requests: a partner asks to be paid what is payable now, and reads their own requests.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { CreatePayoutRequestBody, ListPayoutRequestsQuery, PayoutIdempotencyHeaders, PayoutRequestPage, PayoutRequestResponse } from './payouts.schemas.js'
import type { PayoutsService } from './payouts.service.js'

const security = [{ bearer: [] }]
const tags = ['partners']

export const partnerPayoutRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; payouts: PayoutsService }> = async (app, { guard, payouts }) => {
  const partnerOnly = guard.requireRole('partner')

  app.post(
    '/partner/payout-requests',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Ask to be paid out',
        description:
          'amount in paise (at least 100), at most payable_now of the financial summary: the net of every settled booking minus payouts ' +
          'requested, approved, processing or paid. More is 409 PAYOUT_EXCEEDS_PAYABLE; KYC not verified (or a suspended partner) is 409 ' +
          'KYC_NOT_VERIFIED. Requests racing each other are taken one at a time, so together they never exceed what is payable. ' +
          'Needs an Idempotency-Key header: a retry with the same key and body answers the first answer again.',
        security,
        headers: PayoutIdempotencyHeaders,
        body: CreatePayoutRequestBody,
        response: { 201: PayoutRequestResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const answer = await payouts.requestPayout(actorOf(request).id, request.headers['idempotency-key'], request.body)
      return reply.code(answer.status as 201).send(answer.body)
    },
  )

  app.get(
    '/partner/payout-requests',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'My payout requests',
        description: 'Newest first; `status` filters. A rejected request carries the reason, a paid one the bank reference (utr).',
        security,
        querystring: ListPayoutRequestsQuery,
        response: { 200: PayoutRequestPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => payouts.listOwn(actorOf(request).id, request.query),
  )

  app.get(
    '/partner/payout-requests/:id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'One of my payout requests',
        description: 'Another partner’s request, or one that does not exist, is 404 PAYOUT_REQUEST_NOT_FOUND.',
        security,
        params: IdParams,
        response: { 200: PayoutRequestResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => payouts.getOwn(actorOf(request).id, request.params.id),
  )
}
