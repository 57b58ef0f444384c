// A few demo payout requests, one in each state an admin acts on: requested, approved (manual), paid with a UTR, rejected.
// Each is a share of what its partner has really earned from settled demo bookings, so no demo balance goes negative.
import { inArray } from 'drizzle-orm'
import type { Executor } from '../db/database.js'
import { partners } from '../db/schema/partners.js'
import { payoutRequests } from '../db/schema/payouts.js'
import { payableNow } from '../modules/financials/index.js'
import { payoutTotals } from '../modules/payouts/index.js'
import { DEMO_PARTNERS } from './demo-partners.js'
import { stableId } from './stable-id.js'

const DAY_MS = 86_400_000
type PayoutState = 'requested' | 'approved' | 'paid' | 'rejected'
// the states in the order they are handed out; each takes this share of its partner's balance left, in whole rupees
const PLAN: ReadonlyArray<{ key: string; status: PayoutState; share: number; daysAgo: number }> = [
  { key: 'paid-1', status: 'paid', share: 0.5, daysAgo: 12 },
  { key: 'requested-1', status: 'requested', share: 0.3, daysAgo: 1 },
  { key: 'approved-1', status: 'approved', share: 0.3, daysAgo: 4 },
  { key: 'requested-2', status: 'requested', share: 0.2, daysAgo: 2 },
  { key: 'rejected-1', status: 'rejected', share: 0.4, daysAgo: 8 },
]

/** Inserts the demo payouts on `tx` after the demo bookings; returns how many. */
export async function seedDemoPayouts(tx: Executor, now: Date, adminId: string | null, defaultCommissionPercent: number): Promise<number> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS)
  const ids = DEMO_PARTNERS.map((p) => stableId(`partner:${p.key}`))
  const rows = await tx.select({ id: partners.id, commission_percent: partners.commission_percent }).from(partners).where(inArray(partners.id, ids))
  const balances = new Map<string, number>()
  for (const partner of rows) balances.set(partner.id, await payableNow(tx, partner, defaultCommissionPercent, payoutTotals))
  // richest partners first (stable by id), each state to the next partner with a balance, round-robin
  const payees = [...balances.entries()].filter(([, balance]) => balance >= 10_000).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  if (payees.length === 0) return 0
  const inserts: Array<typeof payoutRequests.$inferInsert> = []
  PLAN.forEach((plan, i) => {
    const [partnerId] = payees[i % payees.length]!
    const amount = Math.floor((balances.get(partnerId)! * plan.share) / 100) * 100
    if (amount < 100) return
    // a rejected request holds nothing; the others come out of what the partner may still request
    if (plan.status !== 'rejected') balances.set(partnerId, balances.get(partnerId)! - amount)
    const reviewed = plan.status === 'requested' ? {} : { reviewed_by: adminId, reviewed_at: at(plan.daysAgo - 1), updated_at: at(plan.daysAgo - 1) }
    inserts.push({
      id: stableId(`payout:${plan.key}`), partner_id: partnerId, amount, status: plan.status, created_at: at(plan.daysAgo), updated_at: at(plan.daysAgo),
      ...reviewed,
      ...(plan.status === 'approved' ? { mode: 'manual' } : {}),
      ...(plan.status === 'paid' ? { mode: 'manual', utr: 'HDFCN52026111912345', paid_at: at(plan.daysAgo - 2) } : {}),
      ...(plan.status === 'rejected' ? { rejection_reason: 'The bank account holder name does not match the KYC documents' } : {}),
    })
  })
  if (inserts.length > 0) await tx.insert(payoutRequests).values(inserts).onConflictDoNothing()
  return inserts.length
}
