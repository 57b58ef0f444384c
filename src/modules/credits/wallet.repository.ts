// Reads of one wallet beyond the ledger core: its entries filtered, credits expiring soon, the plan in use, its owner.
import { and, asc, desc, eq, gt, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { creditLedger, creditLots, creditPurchases, type CreditEntryType } from '../../db/schema/credits.js'
import { userExists } from '../auth/index.js'
import type { CreditEntryRow } from './credit-ledger.js'

export interface ActivePlanRow {
  purchase_id: string
  plan_id: string
  name: string
  credits: number
  bonus_credits: number
  is_trial: boolean
  purchased_at: Date | null
  expires_at: Date | null
}

export function walletRepository(db: Executor) {
  return {
    userExists: (userId: string): Promise<boolean> => userExists(db, userId),

    /** A wallet's entries, newest first (seq is the exact write order; created_at may tie). */
    async listEntries(userId: string, filter: { entry_type?: CreditEntryType | undefined; limit: number; offset: number }) {
      const conditions: SQL[] = [eq(creditLedger.user_id, userId)]
      if (filter.entry_type) conditions.push(eq(creditLedger.entry_type, filter.entry_type))
      const where = and(...conditions)
      const items: CreditEntryRow[] = await db.select().from(creditLedger).where(where).orderBy(desc(creditLedger.seq)).limit(filter.limit).offset(filter.offset)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(creditLedger).where(where)
      return { items, total: Number(counted?.total ?? 0) }
    },

    /** When the latest entry was written: the last change of the balance. */
    async lastEntryAt(userId: string): Promise<Date | undefined> {
      const [row] = await db.select({ created_at: creditLedger.created_at }).from(creditLedger).where(eq(creditLedger.user_id, userId)).orderBy(desc(creditLedger.seq)).limit(1)
      return row?.created_at
    },

    /** Unspent credits expiring after `now` and by `until`, summed per expiry, the soonest first. */
    async expiringBetween(userId: string, now: Date, until: Date): Promise<{ credits: number; expires_at: Date }[]> {
      const rows = await db
        .select({ credits: sql<number>`sum(${creditLots.remaining})::int`, expires_at: creditLots.expires_at })
        .from(creditLots)
        .where(and(eq(creditLots.user_id, userId), gt(creditLots.remaining, 0), gt(creditLots.expires_at, now), lte(creditLots.expires_at, until)))
        .groupBy(creditLots.expires_at)
        .orderBy(asc(creditLots.expires_at))
      return rows.map((r) => ({ credits: Number(r.credits), expires_at: r.expires_at }))
    },

    /** The latest paid purchase whose credits are still within their validity. */
    async findActivePlan(userId: string, now: Date): Promise<ActivePlanRow | undefined> {
      const [row] = await db
        .select({
          purchase_id: creditPurchases.id,
          plan_id: creditPurchases.plan_id,
          name: creditPurchases.plan_name,
          credits: creditPurchases.credits,
          bonus_credits: creditPurchases.bonus_credits,
          is_trial: creditPurchases.is_trial,
          purchased_at: creditPurchases.paid_at,
          expires_at: creditPurchases.expires_at,
        })
        .from(creditPurchases)
        .where(and(eq(creditPurchases.user_id, userId), eq(creditPurchases.status, 'paid'), gt(creditPurchases.expires_at, now)))
        .orderBy(desc(creditPurchases.paid_at), desc(creditPurchases.created_at), desc(creditPurchases.id))
        .limit(1)
      return row
    },
  }
}
