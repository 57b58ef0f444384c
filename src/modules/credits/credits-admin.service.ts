// An admin's corrections to a user's credits (ledger entry and audit row in one transaction) and their view of any ledger.
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import { UserNotFoundError } from '../auth/index.js'
import { adjustCredits, openWallet } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'
import { ZeroDeltaError } from './credits.errors.js'
import { walletRepository } from './wallet.repository.js'
import type { AdjustCreditsBody, AdjustCreditsResponse, AdminLedgerEntryResponse, ListLedgerQuery } from './wallet.schemas.js'
import { ledgerEntriesPage, readOpenWallet, toAdminLedgerEntryResponse } from './wallet.service.js'

const DEFAULT_VALIDITY_DAYS = 90

export function createCreditsAdminService(deps: Pick<CreditsDeps, 'db' | 'clock' | 'ids'>) {
  const { db, clock, ids } = deps

  return {
    /** Adds credits in a new lot or takes the soonest-expiring ones; 409 INSUFFICIENT_CREDITS rather than below zero. */
    async adjustUserCredits(admin: AuditActor, userId: string, body: AdjustCreditsBody): Promise<AdjustCreditsResponse> {
      if (body.delta === 0) throw new ZeroDeltaError()
      const reason = body.reason.trim()
      const now = clock.now()
      return db.transaction(async (tx) => {
        if (!(await walletRepository(tx).userExists(userId))) throw new UserNotFoundError()
        const ctx = { tx, ids, now }
        const before = await openWallet(ctx, userId)
        const entry = await adjustCredits(ctx, {
          user_id: userId,
          delta: body.delta,
          reason,
          actor_id: admin.id,
          validity_days: body.validity_days ?? DEFAULT_VALIDITY_DAYS,
        })
        await recordAudit(tx, {
          actor_id: admin.id,
          ip: admin.ip,
          action: 'credits.adjust',
          target_type: 'user',
          target_id: userId,
          before: { balance: before },
          after: { balance: entry.balance_after, delta: entry.delta, entry_id: entry.id, reason },
          created_at: now,
        })
        return { entry: toAdminLedgerEntryResponse(entry), balance: entry.balance_after }
      })
    },

    async listUserLedger(userId: string, query: ListLedgerQuery): Promise<PageOf<AdminLedgerEntryResponse>> {
      if (!(await walletRepository(db).userExists(userId))) throw new UserNotFoundError()
      return readOpenWallet(deps, userId, (tx) => ledgerEntriesPage(tx, userId, query, toAdminLedgerEntryResponse))
    },
  }
}

export type CreditsAdminService = ReturnType<typeof createCreditsAdminService>
