// /api/reviews (parents), /api/listings/{id}/reviews and /api/partners/{id}/reviews (public), /api/partner/reviews (partners),
// /api/admin/reviews (admins). Another user's or partner's review answers 404, as a missing one does.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses, IdParams, PageQuery } from '../../shared/schemas.js'
import {
  AdminReviewPage, AdminReviewResponse, AdminReviewsQuery, CreateReviewBody, HideReviewBody, ListingReviewsResponse, MyReviewPage, MyReviewResponse,
  PartnerReviewsQuery, PublicReviewPage, PublicReviewResponse, PublicReviewsQuery, ReplyBody, REVIEW_RULES, UpdateReviewBody,
} from './reviews.schemas.js'
import type { ReviewsService } from './reviews.service.js'

const security = [{ bearer: [] }]
const tags = ['reviews']
const PUBLIC_READ =
  'Visible reviews only (hidden ones are out of every public read and of the rating); reviewers by first name and initial. ' +
  'sort: newest (default), highest, lowest. `rating` has the average, the count and a histogram of 1–5 stars.'

export const reviewRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; reviews: ReviewsService }> = async (app, { guard, reviews }) => {
  const customerOnly = guard.requireRole('customer')
  const partnerOnly = guard.requireRole('partner')
  const adminOnly = guard.requireRole('admin')

  app.post(
    '/reviews',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Review a booking your child attended',
        description: `${REVIEW_RULES} 404 BOOKING_NOT_FOUND for a booking that is not yours. The listing’s and the partner’s rating change in the same transaction.`,
        security,
        body: CreateReviewBody,
        response: { 201: MyReviewResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await reviews.createReview(actorOf(request).id, request.body)),
  )

  app.patch(
    '/reviews/:id',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Change your review',
        description: `${REVIEW_RULES} Send rating and/or text (422 NO_CHANGES otherwise).`,
        security,
        params: IdParams,
        body: UpdateReviewBody,
        response: { 200: MyReviewResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => reviews.updateReview(actorOf(request).id, request.params.id, request.body),
  )

  app.get(
    '/reviews/my',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'Your reviews, newest first',
        description: 'Hidden ones too, marked `hidden`.',
        security,
        querystring: PageQuery,
        response: { 200: MyReviewPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => reviews.listMyReviews(actorOf(request).id, request.query),
  )

  app.get(
    '/listings/:id/reviews',
    {
      schema: {
        tags,
        summary: 'A listing’s reviews',
        description: `${PUBLIC_READ} 404 for a listing the public cannot see.`,
        params: IdParams,
        querystring: PublicReviewsQuery,
        response: { 200: ListingReviewsResponse, ...errorResponses(404, 422) },
      },
    },
    async (request) => reviews.listListingReviews(request.params.id, request.query),
  )

  app.get(
    '/partners/:id/reviews',
    {
      schema: {
        tags,
        summary: 'A partner’s reviews, over all its listings',
        description: `${PUBLIC_READ} 404 for an unknown or suspended partner.`,
        params: IdParams,
        querystring: PublicReviewsQuery,
        response: { 200: ListingReviewsResponse, ...errorResponses(404, 422) },
      },
    },
    async (request) => reviews.listPartnerReviews(request.params.id, request.query),
  )

  app.get(
    '/partner/reviews',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Reviews of your listings',
        description: 'Visible reviews; filters: listing_id, rating, unreplied=true (still waiting for your reply).',
        security,
        querystring: PartnerReviewsQuery,
        response: { 200: PublicReviewPage, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => reviews.listOwnPartnerReviews(actorOf(request).id, request.query),
  )

  app.post(
    '/partner/reviews/:id/reply',
    {
      onRequest: partnerOnly,
      schema: {
        tags,
        summary: 'Reply to a review of one of your listings',
        description: 'Once per review (409 REVIEW_ALREADY_REPLIED); 404 for another partner’s or a hidden review.',
        security,
        params: IdParams,
        body: ReplyBody,
        response: { 200: PublicReviewResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => reviews.replyToReview(actorOf(request).id, request.params.id, request.body.reply),
  )

  app.get(
    '/admin/reviews',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'All reviews, newest first',
        description: 'Filters: hidden, listing_id, partner_id.',
        security,
        querystring: AdminReviewsQuery,
        response: { 200: AdminReviewPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => reviews.listReviewsForAdmin(request.query),
  )

  app.post(
    '/admin/reviews/:id/hide',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Hide a review',
        description: 'It leaves every public read and the listing’s and partner’s rating, in one transaction with its audit row (review.hide). 409 REVIEW_ALREADY_HIDDEN.',
        security,
        params: IdParams,
        body: HideReviewBody,
        response: { 200: AdminReviewResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => reviews.hideReview(actorOf(request).id, request.params.id, request.body.reason),
  )

  app.post(
    '/admin/reviews/:id/restore',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Restore a hidden review',
        description: 'Back in public reads and the ratings, audited (review.restore) in the same transaction. 409 REVIEW_NOT_HIDDEN.',
        security,
        params: IdParams,
        body: HideReviewBody,
        response: { 200: AdminReviewResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => reviews.restoreReview(actorOf(request).id, request.params.id, request.body.reason),
  )
}
