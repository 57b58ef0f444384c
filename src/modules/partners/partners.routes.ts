// /api/partners: a signed-in user creates their business profile; the partner reads and edits it and submits KYC.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { CreatePartnerBody, PartnerResponse, UpdatePartnerBody } from './partners.schemas.js'
import type { PartnersService } from './partners.service.js'

const security = [{ bearer: [] }]
const tags = ['partners']

export const partnerRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; partners: PartnersService }> = async (app, { guard, partners }) => {
  app.post(
    '/partners',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'Create my business profile (the account becomes a partner)',
        description:
          'One profile per account: a second one answers 409 PARTNER_EXISTS. Admin accounts cannot own a profile (403 ADMIN_CANNOT_BE_PARTNER). ' +
          'KYC fields may be given now or later; the bank account number is stored encrypted and answered masked.',
        security,
        body: CreatePartnerBody,
        response: { 201: PartnerResponse, ...errorResponses(401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await partners.createPartnerProfile(actorOf(request).id, request.body)),
  )

  app.get(
    '/partners/my',
    {
      onRequest: guard.requireRole('partner'),
      schema: { tags, summary: 'My business profile and KYC status', security, response: { 200: PartnerResponse, ...errorResponses(401, 403, 404) } },
    },
    async (request) => partners.getMyPartner(actorOf(request).id),
  )

  app.put(
    '/partners/my',
    {
      onRequest: guard.requireRole('partner'),
      schema: {
        tags,
        summary: 'Edit my business profile',
        description: 'Send only what changes. Changing PAN, GSTIN, bank account, IFSC or holder name of a verified partner sends KYC back to `submitted`.',
        security,
        body: UpdatePartnerBody,
        response: { 200: PartnerResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => partners.updateMyPartner(actorOf(request).id, request.body),
  )

  app.post(
    '/partners/my/kyc/submit',
    {
      onRequest: guard.requireRole('partner'),
      schema: {
        tags,
        summary: 'Submit my KYC for review',
        description: 'Needs PAN, bank account number, IFSC and account holder name (422 KYC_INCOMPLETE names what is missing). Allowed from not_submitted and rejected.',
        security,
        response: { 200: PartnerResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => partners.submitKyc(actorOf(request).id),
  )
}
