// /api/admin/dashboard and /api/admin/analytics/*: read-only reports for admins (definitions in README.md).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import {
  BreakdownQuery, BreakdownResponse, CohortsQuery, CohortsResponse, DashboardResponse, DateRangeQuery, TimeseriesQuery, TimeseriesResponse,
} from './analytics.schemas.js'
import type { AnalyticsService } from './analytics.service.js'
import { MAX_BUCKETS, MAX_COHORT_MONTHS } from './analytics.service.js'

const security = [{ bearer: [] }]
const tags = ['admin']
const range = 'Days are India days (Asia/Kolkata), both ends inclusive; default the last 30 days ending today. 422 INVALID_DATE_RANGE when `to` is before `from`.'

export const analyticsRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; analytics: AnalyticsService }> = async (app, { guard, analytics }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/dashboard',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'The dashboard: this period and the one before, side by side, and the queues now',
        description:
          `${range} \`previous\` covers the same number of days just before. Money in paise; rates 0–1. ` +
          'GMV counts bookings paid with money, net revenue the commission on every booking (the partner financial summary’s formula and rates).',
        security,
        querystring: DateRangeQuery,
        response: { 200: DashboardResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => analytics.dashboard(request.query),
  )

  app.get(
    '/admin/analytics/timeseries',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'One metric over time, per India day, ISO week or month',
        description:
          `${range} Every bucket that holds a day of the range is listed, empty ones as 0; the first and last may be partial. ` +
          `At most ${MAX_BUCKETS} buckets (422 TOO_MANY_BUCKETS).`,
        security,
        querystring: TimeseriesQuery,
        response: { 200: TimeseriesResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => analytics.timeseries(request.query),
  )

  app.get(
    '/admin/analytics/breakdown',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Bookings and GMV per city, category, partner or listing: the top N, the rest and the total',
        description: `${range} Groups in GMV order (then bookings); \`others\` sums the groups past \`limit\`.`,
        security,
        querystring: BreakdownQuery,
        response: { 200: BreakdownResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => analytics.breakdown(request.query),
  )

  app.get(
    '/admin/analytics/cohorts',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Customer retention by month of first booking',
        description:
          'Cohorts are the India months from `from`’s to `to`’s (default the last 12 including this one): the customers whose first ' +
          'confirmed booking ever fell in that month, and per later month up to this one how many (and what share) had a booking confirmed in it. ' +
          `At most ${MAX_COHORT_MONTHS} months (422 TOO_MANY_BUCKETS); 422 INVALID_DATE_RANGE when \`to\` is before \`from\`.`,
        security,
        querystring: CohortsQuery,
        response: { 200: CohortsResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => analytics.cohorts(request.query),
  )
}
