// /api/admin/partners: admins find partners with their figures, read their KYC and verify or reject it, suspend and
// reactivate them, set their commission rate and keep internal notes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { KycReviewService } from './kyc-review.service.js'
import type { PartnerAdminService } from './partner-admin.service.js'
import {
  AdminPartnerPage, AdminPartnerResponse, ListPartnersQuery, ReviewKycBody, SetCommissionBody, SetNotesBody, SuspendPartnerBody,
} from './partners.schemas.js'

const security = [{ bearer: [] }]
const tags = ['admin']

export const adminPartnerRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; kycReview: KycReviewService; partnerAdmin: PartnerAdminService }> = async (
  app,
  { guard, kycReview, partnerAdmin },
) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/partners',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List partners with their listings, bookings and GMV',
        description:
          'Filters combine; `q` matches part of the business name, contact email or phone. Newest first. Figures are all time: listings not archived (and how many approved), bookings ever confirmed and their amount in paise (GMV, before refunds).',
        security,
        querystring: ListPartnersQuery,
        response: { 200: AdminPartnerPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => partnerAdmin.listPartners(request.query),
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

  app.post(
    '/admin/partners/:id/suspend',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Suspend a partner',
        description:
          'Its listings leave every public read at once (search, listing detail and sessions, home feeds, category counts); existing bookings stand and the owner can still sign in. A suspended partner is 409 PARTNER_ALREADY_SUSPENDED. Audited.',
        security,
        params: IdParams,
        body: SuspendPartnerBody,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => partnerAdmin.suspendPartner(auditActorOf(request), request.params.id, request.body.reason),
  )

  app.post(
    '/admin/partners/:id/reactivate',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Reactivate a suspended partner',
        description: 'Its approved listings are public again at once. An active partner is 409 PARTNER_NOT_SUSPENDED. Audited.',
        security,
        params: IdParams,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => partnerAdmin.reactivatePartner(auditActorOf(request), request.params.id),
  )

  app.put(
    '/admin/partners/:id/commission',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Set the partner’s commission rate',
        description:
          '0–100 with at most 2 decimals (422 INVALID_COMMISSION otherwise); null returns the partner to the platform default (COMMISSION_PERCENT). The partner’s financial summary uses it from now on. Audited.',
        security,
        params: IdParams,
        body: SetCommissionBody,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => partnerAdmin.setCommission(auditActorOf(request), request.params.id, request.body.commission_percent),
  )

  app.put(
    '/admin/partners/:id/notes',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Replace the partner’s internal notes',
        description: 'Admins only: the notes never appear in the partner’s or the public’s answers. Null or blank clears them. Audited.',
        security,
        params: IdParams,
        body: SetNotesBody,
        response: { 200: AdminPartnerResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => partnerAdmin.setNotes(auditActorOf(request), request.params.id, request.body.notes),
  )
}
