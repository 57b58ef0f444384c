// /api/partners/listings and /api/partners/my/listings: a partner's own listings. Another partner's answers 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { REVIEW_TRIGGERING_FIELDS } from './listing-review.js'
import { CreateListingBody, ListingResponse, ListMyListingsQuery, ListMyListingsResponse, UpdateListingBody } from './listings.schemas.js'
import type { ListingsService } from './listings.service.js'

const security = [{ bearer: [] }]
const tags = ['partner listings']

export interface ListingRoutesOptions {
  guard: AuthGuard
  listings: ListingsService
}

export const listingRoutes: FastifyPluginAsyncTypebox<ListingRoutesOptions> = async (app, { guard, listings }) => {
  const partnerOnly = guard.requireRole('partner')

  app.post(
    '/partners/listings',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Create a listing (as a draft)',
        description:
          'category is an id or a slug; venue_id must be one of your venues (its city, position and time zone are copied to the listing), ' +
          'or send is_online true. 422 UNKNOWN_CATEGORY, UNKNOWN_VENUE, VENUE_OR_ONLINE_REQUIRED, INVALID_AGE_RANGE.',
        security,
        body: CreateListingBody,
        response: { 201: ListingResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await listings.createListing(actorOf(request).id, request.body)),
  )

  app.get(
    '/partners/my/listings',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'My listings in every status, newest first',
        description: 'Filters: status, type, category (id or slug), q (part of the title).',
        security,
        querystring: ListMyListingsQuery,
        response: { 200: ListMyListingsResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => listings.listMyListings(actorOf(request).id, request.query),
  )

  app.get(
    '/partners/listings/:id',
    {
      onRequest: partnerOnly,
      schema: { tags, summary: 'One of my listings', security, params: IdParams, response: { 200: ListingResponse, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => listings.getMyListing(actorOf(request).id, request.params.id),
  )

  app.put(
    '/partners/listings/:id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Edit a listing',
        description:
          `Send only what changes. On an approved listing, a new value for any of ${REVIEW_TRIGGERING_FIELDS.join(', ')} ` +
          '(category_id is the category field) sends it back to pending_approval, out of public reads, until an admin approves it again. ' +
          'An archived listing cannot be edited (409 LISTING_ARCHIVED).',
        security,
        params: IdParams,
        body: UpdateListingBody,
        response: { 200: ListingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => listings.updateListing(actorOf(request).id, request.params.id, request.body),
  )

  app.delete(
    '/partners/listings/:id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Archive a listing',
        description: 'The listing leaves public reads for good and keeps its bookings; archiving twice is fine.',
        security,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Archived' }), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await listings.archiveListing(actorOf(request).id, request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/partners/listings/:id/submit',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Submit a listing for review',
        description:
          'draft or rejected → pending_approval. Needs an active partner with verified KYC (409 KYC_NOT_VERIFIED); ' +
          'from any other status 409 LISTING_STATUS_CONFLICT.',
        security,
        params: IdParams,
        response: { 200: ListingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => listings.submitListing(actorOf(request).id, request.params.id),
  )
}
