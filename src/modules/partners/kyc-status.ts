// The KYC review lifecycle of a partner, pure: not_submitted → submitted → verified | rejected (→ submitted again).
import { KycAlreadySubmittedError, KycAlreadyVerifiedError, KycNotSubmittedError } from './partners.errors.js'

export const KYC_STATUSES = ['not_submitted', 'submitted', 'verified', 'rejected'] as const
export type KycStatus = (typeof KYC_STATUSES)[number]

/**
 * submit: the partner asks for review. verify / reject: an admin decides.
 * edit_kyc: the partner changed a KYC field (PAN, GSTIN, bank account, IFSC, holder name). A verified partner goes back
 * to `submitted`, because an admin verified other details than the ones now on file; a pending review simply sees the
 * new values; not_submitted and rejected stay where they are until the partner submits.
 */
export type KycEvent = 'submit' | 'verify' | 'reject' | 'edit_kyc'

const NEXT: Record<KycStatus, Partial<Record<KycEvent, KycStatus>>> = {
  not_submitted: { submit: 'submitted', edit_kyc: 'not_submitted' },
  submitted: { verify: 'verified', reject: 'rejected', edit_kyc: 'submitted' },
  verified: { edit_kyc: 'submitted' },
  rejected: { submit: 'submitted', edit_kyc: 'rejected' },
}

/** Whether the event may happen now. */
export function canTransition(status: KycStatus, event: KycEvent): boolean {
  return NEXT[status][event] !== undefined
}

/** The status after the event, or a 409 naming why it cannot happen now. */
export function transition(status: KycStatus, event: KycEvent): KycStatus {
  const next = NEXT[status][event]
  if (next) return next
  if (event === 'verify' || event === 'reject') throw new KycNotSubmittedError(status)
  if (status === 'verified') throw new KycAlreadyVerifiedError()
  throw new KycAlreadySubmittedError()
}
