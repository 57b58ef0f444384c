// /api/admin/users: admins find accounts, read one in full, suspend and reactivate them (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type AuthGuard } from '../../shared/auth.js'
import { auditActorOf } from '../audit/index.js'
import { errorResponses, IdParams } from '../../shared/schemas.js'
import type { UsersAdminService } from './users-admin.service.js'
import { AdminUserDetail, AdminUserPage, AdminUserSummary, ListUsersQuery, SuspendBody } from './users-admin.schemas.js'

const tags = ['admin']
const security = [{ bearer: [] }]

export const adminUserRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; usersAdmin: UsersAdminService }> = async (app, { guard, usersAdmin }) => {
  const adminOnly = guard.requireRole('admin')

  app.get(
    '/admin/users',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'List accounts',
        description:
          'Filters combine; `q` matches part of the name, email or phone. Sign-up dates are India days. Newest sign-up first unless `sort` says otherwise.',
        security,
        querystring: ListUsersQuery,
        response: { 200: AdminUserPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => usersAdmin.listUsers(request.query),
  )

  app.get(
    '/admin/users/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'An account with its children, latest bookings, wallet balance and last sign-in',
        security,
        params: IdParams,
        response: { 200: AdminUserDetail, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => usersAdmin.getUser(request.params.id),
  )

  app.post(
    '/admin/users/:id/suspend',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Suspend an account',
        description:
          'Its tokens stop working at once (403 ACCOUNT_SUSPENDED on the next request) and it cannot sign in. An admin account cannot be suspended (403 CANNOT_SUSPEND_ADMIN), nor one’s own (403 CANNOT_SUSPEND_SELF); an account already suspended is 409 USER_ALREADY_SUSPENDED. Audited.',
        security,
        params: IdParams,
        body: SuspendBody,
        response: { 200: AdminUserSummary, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => usersAdmin.suspendUser(auditActorOf(request), request.params.id, request.body.reason),
  )

  app.post(
    '/admin/users/:id/reactivate',
    {
      onRequest: adminOnly,
      schema: {
        tags,
        summary: 'Reactivate a suspended account',
        description: 'Its existing tokens work again. An account that is not suspended is 409 USER_NOT_SUSPENDED. Audited.',
        security,
        params: IdParams,
        response: { 200: AdminUserSummary, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => usersAdmin.reactivateUser(auditActorOf(request), request.params.id),
  )
}
