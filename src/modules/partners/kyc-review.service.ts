// Admin side of partners: find them, read their KYC, verify or reject it (audited in the same transaction).
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit } from '../audit/index.js'
import { findUserContacts } from '../auth/index.js'
import type { Notify } from '../notifications/index.js'
import { transition } from './kyc-status.js'
import { kycAuditSnapshot, toAdminPartnerResponse } from './partner-views.js'
import { KycRejectionReasonRequiredError, PartnerNotFoundError } from './partners.errors.js'
import { partnersRepository } from './partners.repository.js'
import type { AdminPartnerResponse, AdminPartnerSummary, ListPartnersQuery, ReviewKycBody } from './partners.schemas.js'

export function createKycReviewService(deps: { db: Db; clock: Clock; notify?: Notify }) {
  const { db, clock } = deps

  async function adminView(executor: Executor, id: string): Promise<AdminPartnerResponse> {
    const row = await partnersRepository(executor).findById(id)
    if (!row) throw new PartnerNotFoundError()
    const [owner] = await findUserContacts(executor, [row.user_id])
    if (!owner) throw new PartnerNotFoundError()
    return toAdminPartnerResponse(row, owner)
  }

  return {
    async listPartners(query: ListPartnersQuery): Promise<PageOf<AdminPartnerSummary>> {
      const { items, total } = await partnersRepository(db).list(query)
      return {
        items: items.map((p) => ({ ...p, created_at: p.created_at.toISOString() })),
        total,
        page: query.page,
        page_size: query.page_size,
      }
    },

    async getPartnerForReview(id: string): Promise<AdminPartnerResponse> {
      return adminView(db, id)
    },

    async reviewKyc(adminId: string, partnerId: string, body: ReviewKycBody): Promise<AdminPartnerResponse> {
      const reason = body.reason?.trim() || null
      if (body.decision === 'reject' && !reason) throw new KycRejectionReasonRequiredError()
      return db.transaction(async (tx) => {
        const repo = partnersRepository(tx)
        const current = await repo.findById(partnerId, 'update')
        if (!current) throw new PartnerNotFoundError()
        const next = transition(current.kyc_status, body.decision)
        const now = clock.now()
        const updated = await repo.update(partnerId, {
          kyc_status: next,
          kyc_rejection_reason: body.decision === 'reject' ? reason : null,
          updated_at: now,
        })
        await recordAudit(tx, {
          actor_id: adminId,
          action: `partner.kyc_${body.decision}`,
          target_type: 'partner',
          target_id: partnerId,
          before: kycAuditSnapshot(current),
          after: kycAuditSnapshot(updated),
          created_at: now,
        })
        const decision = body.decision === 'verify' ? { kind: 'kyc_verified' as const, data: { partner_id: partnerId } } : { kind: 'kyc_rejected' as const, data: { partner_id: partnerId, reason: reason ?? '' } }
        await deps.notify?.(tx, { user_id: current.user_id, event_key: `kyc-${body.decision}:${partnerId}:${now.toISOString()}`, ...decision })
        return adminView(tx, partnerId)
      })
    },
  }
}

export type KycReviewService = ReturnType<typeof createKycReviewService>
