// /api/partner/financials: what a partner earned, from their bookings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { FinancialSummaryQuery, FinancialSummaryResponse } from './financials.schemas.js'
import type { FinancialsService } from './financials.service.js'

export const financialsRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; financials: FinancialsService }> = async (app, { guard, financials }) => {
  app.get(
    '/partner/financials/summary',
    {
      onRequest: guard.requireRole('partner'),
      schema: {
        tags: ['partners'],
        summary: 'My earnings over a date range',
        description:
          'Bookings paid (confirmed_at) between from and to, India time, inclusive; default the last 30 days. gross: their amounts; refunds: ' +
          'what was refunded or is being refunded on them; commission: per booking, the rate × (amount − refund), rounded half up to the paisa; ' +
          'net_earned = gross − refunds − commission; paid_out: payouts paid in the range. payable_now is the balance as of now, whatever the ' +
          'range: the net of every settled booking ever (completed, or cancelled) minus payout requests requested, approved, processing or ' +
          'paid (a rejected, failed or reversed one counts no more); it is what POST /api/partner/payout-requests may ask for. by_listing ' +
          'splits the range’s figures per listing (its payable_now: the net of the range’s settled bookings). 422 INVALID_DATE_RANGE when to is before from.',
        security: [{ bearer: [] }],
        querystring: FinancialSummaryQuery,
        response: { 200: FinancialSummaryResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => financials.summarize(actorOf(request).id, request.query),
  )
}
