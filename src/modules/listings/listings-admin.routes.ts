// /api/admin/listings: the review queue and the decisions on it. Admins only; every decision is audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { ListingModerationService } from './listing-moderation.service.js'
import { AdminListingResponse, AdminListListingsQuery, AdminListListingsResponse, RejectListingBody } from './listings.schemas.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export interface AdminListingRoutesOptions {
  guard: AuthGuard
  moderation: ListingModerationService
}

export const adminListingRoutes: FastifyPluginAsyncTypebox<AdminListingRoutesOptions> = async (app, { guard, moderation }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/listings',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Listings of every partner, newest first',
        description: 'Filters: status (pending_approval is the review queue), partner_id, q (part of the title).',
        security,
        querystring: AdminListListingsQuery,
        response: { 200: AdminListListingsResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => moderation.listListings(request.query),
  )

  app.post(
    '/admin/listings/:id/approve',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Approve a pending listing',
        description: 'pending_approval → approved, published from now on. Any other status: 409. A partner no longer active and KYC-verified: 409 KYC_NOT_VERIFIED.',
        security,
        params: IdParams,
        response: { 200: AdminListingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => moderation.approveListing(auditActorOf(request), request.params.id),
  )

  app.post(
    '/admin/listings/:id/reject',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Reject a pending listing, with a reason',
        description: 'pending_approval → rejected; the partner sees the reason, edits and submits again. Any other status: 409.',
        security,
        params: IdParams,
        body: RejectListingBody,
        response: { 200: AdminListingResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => moderation.rejectListing(auditActorOf(request), request.params.id, request.body.reason),
  )
}
