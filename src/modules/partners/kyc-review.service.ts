// Admin side of KYC: read a partner's KYC, verify or reject it (audited in the same transaction).
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import type { Notify } from '../notifications/index.js'
import { transition } from './kyc-status.js'
import { kycAuditSnapshot, loadAdminPartnerView } from './partner-views.js'
import { KycRejectionReasonRequiredError, PartnerNotFoundError } from './partners.errors.js'
import { partnersRepository } from './partners.repository.js'
import type { AdminPartnerResponse, ReviewKycBody } from './partners.schemas.js'

export function createKycReviewService(deps: { db: Db; clock: Clock; defaultCommissionPercent: number; notify?: Notify }) {
  const { db, clock } = deps
  const adminView = (executor: Executor, id: string) => loadAdminPartnerView(executor, id, deps.defaultCommissionPercent)

  return {
    async getPartnerForReview(id: string): Promise<AdminPartnerResponse> {
      return adminView(db, id)
    },

    async reviewKyc(admin: AuditActor, partnerId: string, body: ReviewKycBody): Promise<AdminPartnerResponse> {
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
          actor_id: admin.id,
          ip: admin.ip,
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
