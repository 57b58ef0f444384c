// The demo's audit trail: what the admins did to bring the demo studios online (KYC verified, listings approved),
// so GET /api/admin/audit-logs has something to show. Stable ids: a second run inserts nothing.
import type { Executor } from '../db/database.js'
import { auditLogs } from '../db/schema/audit.js'
import { DAY_MS, HOUR_MS } from '../shared/clock.js'
import { insertAll } from './starting-set.js'
import { stableId } from './stable-id.js'

const DEMO_ADMIN_IP = '203.0.113.10'

export interface DemoAuditFacts {
  adminId: string | null
  partnerIds: readonly string[]
  listingIds: readonly string[]
}

export function seedDemoAudit(tx: Executor, facts: DemoAuditFacts, now: Date): Promise<number> {
  const at = (daysAgo: number, hour: number) => new Date(now.getTime() - daysAgo * DAY_MS + hour * HOUR_MS)
  const base = { actor_id: facts.adminId, ip: facts.adminId ? DEMO_ADMIN_IP : null }
  const kyc = facts.partnerIds.slice(0, 4).map((id, i) => ({
    ...base, id: stableId(`audit:partner.kyc_verify:${id}`), action: 'partner.kyc_verify', target_type: 'partner', target_id: id,
    before: { kyc_status: 'submitted', kyc_rejection_reason: null }, after: { kyc_status: 'verified', kyc_rejection_reason: null }, created_at: at(20 - i, 0),
  }))
  const approvals = facts.listingIds.slice(0, 6).map((id, i) => ({
    ...base, id: stableId(`audit:listing.approve:${id}`), action: 'listing.approve', target_type: 'listing', target_id: id,
    before: { status: 'pending_approval', rejection_reason: null, published_at: null },
    after: { status: 'approved', rejection_reason: null, published_at: at(15 - i, 1).toISOString() }, created_at: at(15 - i, 1),
  }))
  return insertAll(tx, auditLogs, [...kyc, ...approvals])
}
