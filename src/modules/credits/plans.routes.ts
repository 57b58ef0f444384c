// STUB (being written): GET /api/credit-plans and the admin credit plan routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import type { CreditsDeps } from './credits-context.js'

export const creditPlanRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; credits: CreditsDeps }> = async () => undefined
