// /api/partners/venues: a partner's places. Another partner's venue answers 404, as a missing one does.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, PageQuery } from '../../shared/schemas.js'
import { CreateVenueBody, UpdateVenueBody, VenuePage, VenueResponse } from './venues.schemas.js'
import type { VenuesService } from './venues.service.js'

const security = [{ bearer: [] }]
const tags = ['venues']

export const venueRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; venues: VenuesService }> = async (app, { guard, venues }) => {
  const partnerOnly = guard.requireRole('partner')

  app.get(
    '/partners/venues',
    {
      onRequest: partnerOnly,
      schema: { tags, summary: 'My venues, newest first', security, querystring: PageQuery, response: { 200: VenuePage, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => venues.listVenues(actorOf(request).id, request.query),
  )

  app.post(
    '/partners/venues',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Add a venue',
        description:
          'Give lat and lng, or leave them out to have the address geocoded (Google Maps, when configured: 422 ADDRESS_NOT_FOUND if nothing matches, ' +
          '503 GEOCODING_UNAVAILABLE if the lookup fails). Without geocoding, lat and lng are required (422 LOCATION_REQUIRED). Time zone defaults to Asia/Kolkata.',
        security,
        body: CreateVenueBody,
        response: { 201: VenueResponse, ...errorResponses(401, 403, 404, 422, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await venues.createVenue(actorOf(request).id, request.body)),
  )

  app.get(
    '/partners/venues/:id',
    {
      onRequest: partnerOnly,
      schema: { tags, summary: 'One of my venues', security, params: IdParams, response: { 200: VenueResponse, ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => venues.getVenue(actorOf(request).id, request.params.id),
  )

  app.put(
    '/partners/venues/:id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Edit a venue',
        description: 'Send only what changes. A new city, position or time zone is copied to the venue’s listings at once.',
        security,
        params: IdParams,
        body: UpdateVenueBody,
        response: { 200: VenueResponse, ...errorResponses(401, 403, 404, 422, 503) },
      },
    },
    async (request) => venues.updateVenue(actorOf(request).id, request.params.id, request.body),
  )

  app.delete(
    '/partners/venues/:id',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Delete a venue',
        description:
          'Refused with 409 VENUE_HAS_SESSIONS while scheduled sessions are still to come there (the detail gives how many and the next one). ' +
          'A venue that listings still point at is archived instead of erased: it disappears from these routes, its listings keep their place.',
        security,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await venues.deleteVenue(actorOf(request).id, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
