// What every payouts use case is built with, the job's name, and the row → answer views.
import type { Db } from '../../db/database.js'
import type { PayoutProvider } from '../../integrations/razorpayx/index.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { SecretCipher } from '../partners/index.js'
import type { Notify } from '../notifications/index.js'
import type { PayoutRow } from './payouts.repository.js'
import type { AdminPayoutRequestResponse, PayoutRequestResponse } from './payouts.schemas.js'

/** Pays one approved request through RazorpayX, after the approval committed; retried on a RazorpayX outage. */
export const PAY_OUT_JOB = 'payouts.pay-out'

export interface PayoutsLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export interface PayoutsDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  /** RazorpayX, or the manual provider (PAYOUTS_MODE=manual) that is never called. */
  provider: PayoutProvider
  /** Decrypts the partner's KYC bank account number (the partners module's cipher). */
  cipher: SecretCipher
  defaultCommissionPercent: number
  logger: PayoutsLogger
  /** A paid request tells its partner (payout_paid), in the transaction that marked it paid. */
  notify?: Notify
}

export function payoutView(row: PayoutRow): PayoutRequestResponse {
  return {
    id: row.id,
    partner_id: row.partner_id,
    amount: row.amount,
    status: row.status,
    mode: row.mode,
    rejection_reason: row.rejection_reason,
    utr: row.utr,
    failure_reason: row.failure_reason,
    reviewed_at: row.reviewed_at?.toISOString() ?? null,
    paid_at: row.paid_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

export function adminPayoutView(row: PayoutRow, businessName: string): AdminPayoutRequestResponse {
  return { ...payoutView(row), partner_business_name: businessName, reviewed_by: row.reviewed_by, razorpayx_payout_id: row.razorpayx_payout_id }
}

/** The audit snapshot of a request: its state, never bank details. */
export function auditSnapshot(row: PayoutRow): Record<string, unknown> {
  return { status: row.status, amount: row.amount, mode: row.mode, utr: row.utr, rejection_reason: row.rejection_reason }
}
