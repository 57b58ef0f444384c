// /api/admin/categories: admins list every category, create, change, activate and deactivate them (no delete: listings keep theirs).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import { AdminCategoryPage, AdminCategoryResponse, CreateCategoryBody, ListAdminCategoriesQuery, UpdateCategoryBody } from './categories.schemas.js'
import type { CategoriesService } from './categories.service.js'

const security = [{ bearer: [] }]
const tags = ['admin']
const inactiveMeaning = 'An inactive category leaves GET /api/categories and is refused for new or changed listings; listings already in it stay readable.'

export const adminCategoryRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; categories: CategoriesService }> = async (app, { guard, categories }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/categories',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List categories, inactive ones included',
        description: 'In list order (sort order, then name); `active` filters.',
        security,
        querystring: ListAdminCategoriesQuery,
        response: { 200: AdminCategoryPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => categories.listCategories(request.query),
  )

  app.post(
    '/admin/categories',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Create a category',
        description: 'Active unless `active: false`. 409 CATEGORY_SLUG_TAKEN when another category has the slug. Audited (category.create).',
        security,
        body: CreateCategoryBody,
        response: { 201: AdminCategoryResponse, ...errorResponses(401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await categories.createCategory(auditActorOf(request), request.body)),
  )

  app.put(
    '/admin/categories/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Change a category',
        description:
          'Send only the fields that change (at least one; 422 NO_CHANGES otherwise). 409 CATEGORY_SLUG_TAKEN when another category has the slug. ' +
          `${inactiveMeaning} Audited (category.update) when something changes.`,
        security,
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: AdminCategoryResponse, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => categories.updateCategory(auditActorOf(request), request.params.id, request.body),
  )

  app.post(
    '/admin/categories/:id/deactivate',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Take a category out of the catalogue',
        description: `${inactiveMeaning} Idempotent; audited (category.deactivate) when it changes.`,
        security,
        params: IdParams,
        response: { 200: AdminCategoryResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => categories.deactivateCategory(auditActorOf(request), request.params.id),
  )

  app.post(
    '/admin/categories/:id/activate',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Put a category back in the catalogue',
        description: 'Idempotent; audited (category.activate) when it changes.',
        security,
        params: IdParams,
        response: { 200: AdminCategoryResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => categories.activateCategory(auditActorOf(request), request.params.id),
  )
}
