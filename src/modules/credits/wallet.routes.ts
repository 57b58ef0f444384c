// GET /api/wallet and GET /api/credit-ledger: a parent's own credits; no route here takes another user's id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { LedgerEntryPage, ListLedgerQuery, WalletResponse } from './wallet.schemas.js'
import type { WalletService } from './wallet.service.js'

const security = [{ bearer: [] }]
const tags = ['credits']

export const walletRoutes: FastifyPluginAsyncTypebox<{ guard: AuthGuard; wallet: WalletService }> = async (app, { guard, wallet }) => {
  const customerOnly = guard.requireRole('customer')

  app.get(
    '/wallet',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'My credit wallet',
        description:
          'The usable balance (credits past their expiry are written off first, as `expire` entries), credits expiring in the next 30 days, ' +
          'and the latest paid plan still within its validity.',
        security,
        response: { 200: WalletResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => wallet.getWallet(actorOf(request).id),
  )

  app.get(
    '/credit-ledger',
    {
      onRequest: customerOnly,
      schema: {
        tags,
        summary: 'My credit history',
        description: 'Every change to my wallet, newest first; `entry_type` filters. Expired credits are written off before reading.',
        security,
        querystring: ListLedgerQuery,
        response: { 200: LedgerEntryPage, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => wallet.listLedger(actorOf(request).id, request.query),
  )
}
