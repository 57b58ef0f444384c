// What each audience sees of a partner row: never the encrypted bank number; the last 4 digits only to the admin KYC view.
import { maskBankAccount } from './bank-account-cipher.js'
import { missingKycFields } from './partner-input.js'
import type { UserContact } from '../auth/index.js'
import type { PartnerRow } from './partners.repository.js'
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

export function toAdminPartnerResponse(row: PartnerRow, owner: UserContact): AdminPartnerResponse {
  return { ...toPartnerResponse(row), bank_account_last4: row.bank_account_last4, owner }
}

/** The part of a partner an audit row records: status fields only, never KYC numbers. */
export function kycAuditSnapshot(row: PartnerRow): Record<string, unknown> {
  return { status: row.status, kyc_status: row.kyc_status, kyc_rejection_reason: row.kyc_rejection_reason }
}
