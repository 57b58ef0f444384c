// /api/badges: a parent's badges with their progress, and the ones earned.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { ListBadgesResponse, MyBadgesPage, MyBadgesQuery } from './badges.schemas.js'
import type { BadgesService } from './badges.service.js'

const security = [{ bearer: [] }]
const tags = ['badges']

export const badgeRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; badges: BadgesService }> = async (app, { guard, badges }) => {
  const customerOnly = guard.requireRole('customer')

  app.get(
    '/badges',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Every badge, with your progress towards it',
        description:
          'Parent badges (first booking, first review, early bird) show the family’s figure in `progress`; child badges (sessions attended, ' +
          'categories explored, four-week streak) show each child’s in `children`. Figures are counted each time from the facts: bookings, attendance and reviews.',
        security,
        response: { 200: ListBadgesResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => badges.listBadges(actorOf(request).id),
  )

  app.get(
    '/badges/my',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'The badges you and your children earned, newest first',
        security,
        querystring: MyBadgesQuery,
        response: { 200: MyBadgesPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => badges.listMyBadges(actorOf(request).id, request.query),
  )
}
