// STUB (being written): admin credit adjustments and a user's ledger.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import type { CreditsDeps } from './credits-context.js'

export const creditsAdminRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; credits: CreditsDeps }> = async () => undefined
