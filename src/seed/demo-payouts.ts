// A few demo payout requests, one in each state an admin acts on: requested, approved (manual), paid with a UTR, rejected.
import type { payoutRequests } from '../db/schema/payouts.js'
import { DEMO_PARTNERS } from './demo-partners.js'
import { stableId } from './stable-id.js'

const DAY_MS = 86_400_000

export function demoPayoutRows(now: Date, adminId: string | null): Array<typeof payoutRequests.$inferInsert> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS)
  const partner = (i: number) => stableId(`partner:${DEMO_PARTNERS[i % DEMO_PARTNERS.length]!.key}`)
  const row = (key: string, i: number, amount: number, daysAgo: number) => ({
    id: stableId(`payout:${key}`), partner_id: partner(i), amount, created_at: at(daysAgo), updated_at: at(daysAgo),
  })
  const reviewed = (daysAgo: number) => ({ reviewed_by: adminId, reviewed_at: at(daysAgo), updated_at: at(daysAgo) })
  return [
    { ...row('requested-1', 0, 450_000, 1), status: 'requested' },
    { ...row('requested-2', 5, 125_000, 2), status: 'requested' },
    { ...row('approved-1', 1, 300_000, 4), ...reviewed(3), status: 'approved', mode: 'manual' },
    { ...row('paid-1', 2, 820_000, 12), ...reviewed(11), status: 'paid', mode: 'manual', utr: 'HDFCN52026111912345', paid_at: at(10) },
    { ...row('rejected-1', 3, 999_900, 8), ...reviewed(7), status: 'rejected', rejection_reason: 'The bank account holder name does not match the KYC documents' },
  ]
}
