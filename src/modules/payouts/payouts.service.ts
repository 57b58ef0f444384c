// Payout requests: a partner asks for what is payable now (under their row lock), an admin approves, rejects or marks paid (audited).
import { notifyIfPaid } from './payout-paid.js'
import type { Tx } from '../../db/database.js'
import { DAY_MS } from '../../shared/clock.js'
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '../../shared/idempotency.js'
import type { PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import { InvalidDateRangeError, payableNow, startOfIndiaDay } from '../financials/index.js'
import { findPartnerNames, findPartnerPayoutDetails, getPartnerOfUser, KycNotVerifiedError } from '../partners/index.js'
import { adminPayoutView, auditSnapshot, PAY_OUT_JOB, payoutView, type PayoutsDeps } from './payouts-context.js'
import { PayoutBankDetailsMissingError, PayoutExceedsPayableError, PayoutNotManualError, PayoutRequestNotFoundError, PayoutStateError } from './payouts.errors.js'
import { payoutsRepository, payoutTotals, type PayoutFilter, type PayoutRow, type PayoutStatus } from './payouts.repository.js'
import type {
  AdminListPayoutRequestsQuery, AdminPayoutRequestResponse, CreatePayoutRequestBody, ListPayoutRequestsQuery, MarkPayoutPaidBody, PayoutRequestResponse, RejectPayoutBody,
} from './payouts.schemas.js'

export interface PayoutRequestAnswer {
  status: number
  body: PayoutRequestResponse
}

export function createPayoutsService(deps: PayoutsDeps) {
  const { db, clock, ids, jobs } = deps
  const mode = deps.provider.kind

  async function withNames(rows: PayoutRow[]): Promise<AdminPayoutRequestResponse[]> {
    const names = new Map((await findPartnerNames(db, [...new Set(rows.map((r) => r.partner_id))])).map((p) => [p.id, p.business_name]))
    return rows.map((row) => adminPayoutView(row, names.get(row.partner_id) ?? ''))
  }

  /** One admin decision on a request: locked, checked against the states it applies to, changed and audited in one transaction. */
  async function decide(
    admin: AuditActor,
    id: string,
    action: { verb: string; past: string; from: readonly PayoutStatus[]; check?: (row: PayoutRow, tx: Tx) => Promise<void> | void; change: (now: Date) => Partial<PayoutRow> },
    after?: (tx: Tx, row: PayoutRow) => Promise<void>,
  ): Promise<AdminPayoutRequestResponse> {
    const row = await db.transaction(async (tx) => {
      const repo = payoutsRepository(tx)
      const before = await repo.findById(id, 'update')
      if (!before) throw new PayoutRequestNotFoundError()
      if (!action.from.includes(before.status)) throw new PayoutStateError(action.past, before.status)
      await action.check?.(before, tx)
      const now = clock.now()
      const changed = await repo.transition(id, action.from, { ...action.change(now), reviewed_by: admin.id, reviewed_at: now, updated_at: now })
      if (!changed) throw new PayoutStateError(action.past, before.status)
      await recordAudit(tx, { actor_id: admin.id, ip: admin.ip, action: `payout.${action.verb}`, target_type: 'payout_request', target_id: id, before: auditSnapshot(before), after: auditSnapshot(changed), created_at: now })
      await after?.(tx, changed)
      return changed
    })
    return (await withNames([row]))[0]!
  }

  return {
    /** POST /api/partner/payout-requests: at most payable_now, computed under the partner's row lock so racing requests queue. */
    async requestPayout(userId: string, key: string, body: CreatePayoutRequestBody): Promise<PayoutRequestAnswer> {
      const hash = requestHash('POST /api/partner/payout-requests', body)
      const now = clock.now()
      return db.transaction(async (tx) => {
        const claim = await claimIdempotencyKey(tx, userId, key, hash, now)
        if (claim.kind === 'replay') return { status: claim.code, body: claim.body as PayoutRequestResponse }
        const partner = await getPartnerOfUser(tx, userId, 'update')
        if (partner.status !== 'active') throw new KycNotVerifiedError('A suspended partner cannot request payouts')
        if (partner.kyc_status !== 'verified') throw new KycNotVerifiedError(`Payouts can be requested once KYC is verified; KYC is ${partner.kyc_status.replace('_', ' ')}`)
        const payable = await payableNow(tx, partner, deps.defaultCommissionPercent, payoutTotals)
        if (body.amount > payable) throw new PayoutExceedsPayableError(payable)
        const row = await payoutsRepository(tx).insert({ id: ids.next(), partner_id: partner.id, amount: body.amount, status: 'requested', created_at: now, updated_at: now })
        const answer = payoutView(row)
        await completeIdempotencyKey(tx, userId, key, 201, answer)
        return { status: 201, body: answer }
      })
    },

    async listOwn(userId: string, query: ListPayoutRequestsQuery): Promise<PageOf<PayoutRequestResponse>> {
      const partner = await getPartnerOfUser(db, userId)
      const { items, total } = await payoutsRepository(db).page({ partnerId: partner.id, ...(query.status ? { status: query.status } : {}) }, query)
      return { items: items.map(payoutView), total, page: query.page, page_size: query.page_size }
    },

    async getOwn(userId: string, id: string): Promise<PayoutRequestResponse> {
      const partner = await getPartnerOfUser(db, userId)
      const row = await payoutsRepository(db).findById(id)
      if (!row || row.partner_id !== partner.id) throw new PayoutRequestNotFoundError()
      return payoutView(row)
    },

    async listAll(query: AdminListPayoutRequestsQuery): Promise<PageOf<AdminPayoutRequestResponse>> {
      if (query.from && query.to && query.to < query.from) throw new InvalidDateRangeError('`to` must be on or after `from`')
      const filter: PayoutFilter = {
        ...(query.partner_id ? { partnerId: query.partner_id } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.from ? { from: startOfIndiaDay(query.from) } : {}),
        ...(query.to ? { to: new Date(startOfIndiaDay(query.to).getTime() + DAY_MS) } : {}),
      }
      const { items, total } = await payoutsRepository(db).page(filter, query)
      return { items: await withNames(items), total, page: query.page, page_size: query.page_size }
    },

    /** manual: the admin pays from the bank next, then marks it paid; razorpayx: a job pays it after this commits. */
    async approve(admin: AuditActor, id: string): Promise<AdminPayoutRequestResponse> {
      return decide(
        admin,
        id,
        {
          verb: 'approve',
          past: 'approved',
          from: ['requested'],
          check: async (row, tx) => {
            if (mode !== 'razorpayx') return
            const bank = await findPartnerPayoutDetails(tx, row.partner_id)
            if (!bank?.bank_account_encrypted || !bank.ifsc || !bank.account_holder_name) throw new PayoutBankDetailsMissingError()
          },
          change: () => ({ status: 'approved', mode }),
        },
        async (tx, row) => {
          if (mode === 'razorpayx') await jobs.send(PAY_OUT_JOB, { payout_request_id: row.id }, { tx, singletonKey: row.id })
        },
      )
    },

    /** A request not yet paid (requested, or approved for a manual payment) is refused with a reason the partner sees. */
    async reject(admin: AuditActor, id: string, body: RejectPayoutBody): Promise<AdminPayoutRequestResponse> {
      return decide(admin, id, {
        verb: 'reject',
        past: 'rejected',
        from: ['requested', 'approved'],
        check: (row) => {
          if (row.status === 'approved' && row.mode !== 'manual') throw new PayoutStateError('rejected', 'being paid through RazorpayX')
        },
        change: () => ({ status: 'rejected', rejection_reason: body.reason.trim() }),
      })
    },

    /** manual mode: the bank transfer was made; its UTR is recorded and the request is paid. */
    async markPaid(admin: AuditActor, id: string, body: MarkPayoutPaidBody): Promise<AdminPayoutRequestResponse> {
      return decide(admin, id, {
        verb: 'mark_paid',
        past: 'marked paid',
        from: ['approved'],
        check: (row) => {
          if (row.mode !== 'manual') throw new PayoutNotManualError()
        },
        change: (now) => ({ status: 'paid', utr: body.utr.toUpperCase(), paid_at: now }),
      }, (tx, row) => notifyIfPaid(tx, deps.notify, row))
    },
  }
}

export type PayoutsService = ReturnType<typeof createPayoutsService>
