// /api/admin/partners: admins find partners, read their KYC and verify or reject it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { KycReviewService } from './kyc-review.service.js'
import { AdminPartnerPage, AdminPartnerResponse, ListPartnersQuery, ReviewKycBody } from './partners.schemas.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const adminPartnerRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; kycReview: KycReviewService }> = async (app, { guard, kycReview }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/partners',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List partners',
        description: 'Filters combine; `search` matches part of the business name. Newest first.',
        security,
        querystring: ListPartnersQuery,
        response: { 200: AdminPartnerPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => kycReview.listPartners(request.query),
  )

  app.get(
    '/admin/partners/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'A partner with its KYC (bank account: last 4 digits)',
        security,
        params: IdParams,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => kycReview.getPartnerForReview(request.params.id),
  )

  app.post(
    '/admin/partners/:id/kyc',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Verify or reject a submitted KYC',
        description: 'Only a submitted KYC can be reviewed (409 KYC_NOT_SUBMITTED); rejecting needs a reason (422 REASON_REQUIRED). Audited.',
        security,
        params: IdParams,
        body: ReviewKycBody,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => kycReview.reviewKyc(auditActorOf(request), request.params.id, request.body),
  )
}
