// A parent's wallet and ledger. Every read first writes off what has expired by now (openWallet), in the transaction it
// reads in, so a balance never counts expired credits and the ledger always explains it.
import type { Executor } from '../../db/database.js'
import { DAY_MS } from '../../shared/clock.js'
import { pageOffset, type PageOf } from '../../shared/schemas.js'
import { openWallet, type CreditEntryRow } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'
import { expireCredits } from './credit-expiry.js'
import { walletRepository } from './wallet.repository.js'
import type { AdminLedgerEntryResponse, LedgerEntryResponse, ListLedgerQuery, WalletResponse } from './wallet.schemas.js'

const EXPIRING_SOON_DAYS = 30

type WalletDeps = Pick<CreditsDeps, 'db' | 'clock' | 'ids'>

/** Opens the user's wallet (writing due expiries) and reads it in the same transaction. The user must exist. */
export async function readOpenWallet<T>(deps: WalletDeps, userId: string, read: (tx: Executor, now: Date, balance: number) => Promise<T>): Promise<T> {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => read(tx, now, await openWallet({ tx, ids: deps.ids, now }, userId)))
}

export function toLedgerEntryResponse(row: CreditEntryRow): LedgerEntryResponse {
  return {
    id: row.id,
    entry_type: row.entry_type,
    delta: row.delta,
    balance_after: row.balance_after,
    reason: row.reason,
    booking_id: row.booking_id,
    plan_id: row.plan_id,
    purchase_id: row.purchase_id,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  }
}

export function toAdminLedgerEntryResponse(row: CreditEntryRow): AdminLedgerEntryResponse {
  return { ...toLedgerEntryResponse(row), actor_id: row.actor_id }
}

/** One page of a wallet's entries, newest first; the wallet must be open in `tx`. */
export async function ledgerEntriesPage<V>(tx: Executor, userId: string, query: ListLedgerQuery, view: (row: CreditEntryRow) => V): Promise<PageOf<V>> {
  const { items, total } = await walletRepository(tx).listEntries(userId, { entry_type: query.entry_type, ...pageOffset(query) })
  return { items: items.map(view), total, page: query.page, page_size: query.page_size }
}

export function createWalletService(deps: WalletDeps) {
  return {
    /** The expiry job: writes off credits past their date in every wallet; idempotent across runs and processes. */
    expireCredits: () => expireCredits(deps),
    async getWallet(userId: string): Promise<WalletResponse> {
      return readOpenWallet(deps, userId, async (tx, now, balance) => {
        const repo = walletRepository(tx)
        const expiring = await repo.expiringBetween(userId, now, new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS))
        const plan = await repo.findActivePlan(userId, now)
        const lastChange = await repo.lastEntryAt(userId)
        return {
          balance,
          expiring_soon: expiring.map((lot) => ({ credits: lot.credits, expires_at: lot.expires_at.toISOString() })),
          // a paid purchase always has paid_at and expires_at (a CHECK on credit_purchases)
          active_plan: plan ? { ...plan, purchased_at: plan.purchased_at!.toISOString(), expires_at: plan.expires_at!.toISOString() } : null,
          updated_at: lastChange?.toISOString() ?? null,
        }
      })
    },

    async listLedger(userId: string, query: ListLedgerQuery): Promise<PageOf<LedgerEntryResponse>> {
      return readOpenWallet(deps, userId, (tx) => ledgerEntriesPage(tx, userId, query, toLedgerEntryResponse))
    },
  }
}

export type WalletService = ReturnType<typeof createWalletService>
