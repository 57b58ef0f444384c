// payout_requests: the partner's own pages, the admin's filtered pages, the totals financials asks for, and state changes.
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { PAYOUT_HOLDING_STATUSES, payoutRequests } from '../../db/schema/payouts.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import type { PayoutTotals } from '../financials/index.js'

export type PayoutRow = typeof payoutRequests.$inferSelect
export type NewPayoutRow = typeof payoutRequests.$inferInsert
export type PayoutStatus = PayoutRow['status']

export interface PayoutFilter {
  partnerId?: string
  status?: PayoutStatus
  /** created_at in [from, to) */
  from?: Date
  to?: Date
}

export function payoutsRepository(executor: Executor) {
  return {
    async insert(values: NewPayoutRow): Promise<PayoutRow> {
      const [row] = await executor.insert(payoutRequests).values(values).returning()
      return row!
    },

    async findById(id: string, lock?: 'update'): Promise<PayoutRow | undefined> {
      const query = executor.select().from(payoutRequests).where(eq(payoutRequests.id, id)).limit(1)
      const [row] = lock ? await query.for('update') : await query
      return row
    },

    async findByProviderPayoutId(payoutId: string, lock?: 'update'): Promise<PayoutRow | undefined> {
      const query = executor.select().from(payoutRequests).where(eq(payoutRequests.razorpayx_payout_id, payoutId)).limit(1)
      const [row] = lock ? await query.for('update') : await query
      return row
    },

    async page(filter: PayoutFilter, query: PageQuery): Promise<{ items: PayoutRow[]; total: number }> {
      const conditions: SQL[] = []
      if (filter.partnerId) conditions.push(eq(payoutRequests.partner_id, filter.partnerId))
      if (filter.status) conditions.push(eq(payoutRequests.status, filter.status))
      if (filter.from) conditions.push(gte(payoutRequests.created_at, filter.from))
      if (filter.to) conditions.push(lt(payoutRequests.created_at, filter.to))
      const where = conditions.length ? and(...conditions) : undefined
      const { limit, offset } = pageOffset(query)
      const items = await executor.select().from(payoutRequests).where(where).orderBy(desc(payoutRequests.created_at), desc(payoutRequests.id)).limit(limit).offset(offset)
      const [total] = await executor.select({ n: count() }).from(payoutRequests).where(where)
      return { items, total: total?.n ?? 0 }
    },

    /** Changes the row only while it is still in `from` (the caller holds its lock); undefined when it was not. */
    async transition(id: string, from: readonly PayoutStatus[], values: Partial<NewPayoutRow>): Promise<PayoutRow | undefined> {
      const [row] = await executor
        .update(payoutRequests)
        .set(values)
        .where(and(eq(payoutRequests.id, id), inArray(payoutRequests.status, [...from])))
        .returning()
      return row
    },
  }
}

/** The totals the financial summary and the payable check read (financials' PayoutTotals port). */
export const payoutTotals: PayoutTotals = {
  async holding(executor, partnerId) {
    const [row] = await executor
      .select({ sum: sql<string | number | null>`coalesce(sum(${payoutRequests.amount}), 0)` })
      .from(payoutRequests)
      .where(and(eq(payoutRequests.partner_id, partnerId), inArray(payoutRequests.status, [...PAYOUT_HOLDING_STATUSES])))
    return Number(row?.sum ?? 0)
  },
  async paidBetween(executor, partnerId, start, end) {
    const [row] = await executor
      .select({ sum: sql<string | number | null>`coalesce(sum(${payoutRequests.amount}), 0)` })
      .from(payoutRequests)
      .where(and(eq(payoutRequests.partner_id, partnerId), eq(payoutRequests.status, 'paid'), gte(payoutRequests.paid_at, start), lt(payoutRequests.paid_at, end)))
    return Number(row?.sum ?? 0)
  },
}

/** The admins' payout queue for the dashboard: requests still waiting for an admin (to approve, or to mark paid). */
export async function countPendingPayoutRequests(executor: Executor): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(payoutRequests).where(inArray(payoutRequests.status, ['requested', 'approved']))
  return Number(row?.n ?? 0)
}
