// What each audience sees of a partner row: never the encrypted bank number; the last 4 digits only to the admin KYC view.
import { maskBankAccount } from './bank-account-cipher.js'
import { missingKycFields } from './partner-input.js'
import type { Executor } from '../../db/database.js'
import { findUserContacts, type UserContact } from '../auth/index.js'
import { defaultCommissionPercent } from '../settings/index.js'
import { PartnerNotFoundError } from './partners.errors.js'
import { partnersRepository, type PartnerRow } from './partners.repository.js'
import type { AdminPartnerResponse, PartnerResponse } from './partners.schemas.js'

export function toPartnerResponse(row: PartnerRow): PartnerResponse {
  return {
    id: row.id,
    user_id: row.user_id,
    business_name: row.business_name,
    description: row.description,
    logo_url: row.logo_url,
    contact_email: row.contact_email,
    contact_phone: row.contact_phone,
    city: row.city,
    state: row.state,
    address: row.address,
    status: row.status,
    kyc_status: row.kyc_status,
    kyc_rejection_reason: row.kyc_rejection_reason,
    kyc_missing: missingKycFields(row),
    pan: row.pan,
    gstin: row.gstin,
    bank_account_masked: maskBankAccount(row.bank_account_last4),
    ifsc: row.ifsc,
    account_holder_name: row.account_holder_name,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

/** The partner's own rate, or null when the platform default applies. */
export const commissionOf = (row: Pick<PartnerRow, 'commission_percent'>): number | null =>
  row.commission_percent === null ? null : Number(row.commission_percent)

export function toAdminPartnerResponse(row: PartnerRow, owner: UserContact, defaultCommissionPercent: number): AdminPartnerResponse {
  const commission = commissionOf(row)
  return {
    ...toPartnerResponse(row),
    bank_account_last4: row.bank_account_last4,
    owner,
    commission_percent: commission,
    effective_commission_percent: commission ?? defaultCommissionPercent,
    suspended_reason: row.suspended_reason,
    suspended_at: row.suspended_at?.toISOString() ?? null,
    admin_notes: row.admin_notes,
  }
}

/** The admin's view of one partner, read on `executor`; 404 when there is none. */
export async function loadAdminPartnerView(executor: Executor, id: string, fallbackCommissionPercent: number): Promise<AdminPartnerResponse> {
  const row = await partnersRepository(executor).findById(id)
  if (!row) throw new PartnerNotFoundError()
  const [owner] = await findUserContacts(executor, [row.user_id])
  if (!owner) throw new PartnerNotFoundError()
  return toAdminPartnerResponse(row, owner, await defaultCommissionPercent(executor, fallbackCommissionPercent))
}

/** The part of a partner an audit row records: status fields only, never KYC numbers. */
export function kycAuditSnapshot(row: PartnerRow): Record<string, unknown> {
  return { status: row.status, kyc_status: row.kyc_status, kyc_rejection_reason: row.kyc_rejection_reason }
}
