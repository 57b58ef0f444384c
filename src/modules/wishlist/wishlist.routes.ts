// /api/wishlist: a parent saves listings, removes them, and lists them as cards with their next session and seats left.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { WishlistPage, WishlistParams, WishlistQuery, WishlistSavedResponse } from './wishlist.schemas.js'
import type { WishlistService } from './wishlist.service.js'

const security = [{ bearer: [] }]
const tags = ['wishlist']

export const wishlistRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; wishlist: WishlistService }> = async (app, { guard, wishlist }) => {
  const customerOnly = guard.requireRole('customer')

  app.post(
    '/wishlist/:listing_id',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Save a listing',
        description: 'Idempotent: saving again keeps the first date. 404 for a listing the public cannot see.',
        security,
        params: WishlistParams,
        response: { 200: WishlistSavedResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => wishlist.addToWishlist(actorOf(request).id, request.params.listing_id),
  )

  app.delete(
    '/wishlist/:listing_id',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Remove a saved listing',
        description: 'Idempotent: 204 also when it was not saved.',
        security,
        params: WishlistParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      await wishlist.removeFromWishlist(actorOf(request).id, request.params.listing_id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/wishlist',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Your saved listings, last saved first',
        description: 'Listing cards with the seats left in the next session. A listing that stopped being public stays, with `available: false` and no session.',
        security,
        querystring: WishlistQuery,
        response: { 200: WishlistPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => wishlist.listWishlist(actorOf(request).id, request.query),
  )
}
