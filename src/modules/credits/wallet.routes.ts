// STUB (being written): GET /api/wallet and GET /api/credit-ledger.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import type { CreditsDeps } from './credits-context.js'

export const walletRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; credits: CreditsDeps }> = async () => undefined
