// STUB (being written): POST /api/subscribe-plan.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuthGuard } from '../../shared/auth.js'
import type { PurchasesService } from './purchases.service.js'

export const creditPurchaseRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; purchases: PurchasesService }> = async () => undefined
