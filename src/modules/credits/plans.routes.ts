// GET /api/credit-plans (public catalogue) and /api/admin/credit-plans (admins create, change, activate and deactivate plans).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import {
  AdminCreditPlanPage, AdminCreditPlanResponse, CreateCreditPlanBody, CreditPlanPage, ListAdminCreditPlansQuery, ListCreditPlansQuery, UpdateCreditPlanBody,
} from './plans.schemas.js'
import type { PlansService } from './plans.service.js'

const security = [{ bearer: [] }]
const adminTags = ['admin']
const unchangedPurchases = 'Purchases already made keep the credits, price and validity they were bought with.'

export const creditPlanRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; plans: PlansService }> = async (app, { guard, plans }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/credit-plans',
    {
      schema: {
        tags: ['credits'],
        summary: 'Credit plans on sale',
        description: 'Active plans, in catalogue order (sort order, then price). No sign-in needed. Buy one with POST /api/subscribe-plan.',
        querystring: ListCreditPlansQuery,
        response: { 200: CreditPlanPage, ...errorResponses(422) },
      },
    },
    async (request) => plans.listActivePlans(request.query),
  )

  app.get(
    '/admin/credit-plans',
    {
      onRequest: adminOnly,
      schema: {
        tags: adminTags,
        summary: 'List credit plans, inactive ones included',
        description: 'In catalogue order (sort order, then price); `active` filters.',
        security,
        querystring: ListAdminCreditPlansQuery,
        response: { 200: AdminCreditPlanPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => plans.listPlans(request.query),
  )

  app.post(
    '/admin/credit-plans',
    {
      onRequest: adminOnly,
      schema: {
        tags: adminTags,
        summary: 'Create a credit plan',
        description: 'Active unless `active: false`. Audited (credit_plan.create).',
        security,
        body: CreateCreditPlanBody,
        response: { 201: AdminCreditPlanResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await plans.createPlan(auditActorOf(request), request.body)),
  )

  app.put(
    '/admin/credit-plans/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags: adminTags,
        summary: 'Change a credit plan',
        description: `Send only the fields that change (at least one; 422 NO_CHANGES otherwise). ${unchangedPurchases} Audited (credit_plan.update).`,
        security,
        params: IdParams,
        body: UpdateCreditPlanBody,
        response: { 200: AdminCreditPlanResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => plans.updatePlan(auditActorOf(request), request.params.id, request.body),
  )

  app.post(
    '/admin/credit-plans/:id/deactivate',
    {
      onRequest: adminOnly,
      schema: {
        tags: adminTags,
        summary: 'Take a credit plan off sale',
        description: `It leaves GET /api/credit-plans and can no longer be bought. ${unchangedPurchases} Idempotent; audited (credit_plan.deactivate) when it changes.`,
        security,
        params: IdParams,
        response: { 200: AdminCreditPlanResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => plans.deactivatePlan(auditActorOf(request), request.params.id),
  )

  app.post(
    '/admin/credit-plans/:id/activate',
    {
      onRequest: adminOnly,
      schema: {
        tags: adminTags,
        summary: 'Put a credit plan back on sale',
        description: 'Idempotent; audited (credit_plan.activate) when it changes.',
        security,
        params: IdParams,
        response: { 200: AdminCreditPlanResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => plans.activatePlan(auditActorOf(request), request.params.id),
  )
}
