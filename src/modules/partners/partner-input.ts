// Turns what a partner typed into what is stored: trimmed, normalised, validated together (the GSTIN must match the PAN).
import { checkBankAccountNumber, checkGstin, checkIfsc, checkIndianMobile, checkPan, type Checked } from './kyc-validators.js'
import { InvalidPartnerInputError } from './partners.errors.js'

/** The fields a partner may send on create or update; undefined = not sent, null = clear it. */
export interface PartnerInput {
  business_name?: string | undefined
  description?: string | undefined
  logo_url?: string | null | undefined
  contact_email?: string | null | undefined
  contact_phone?: string | null | undefined
  city?: string | null | undefined
  state?: string | null | undefined
  address?: string | null | undefined
  pan?: string | undefined
  gstin?: string | null | undefined
  bank_account_number?: string | undefined
  ifsc?: string | undefined
  account_holder_name?: string | undefined
}

/** The KYC on file before this change, to cross-check a GSTIN or PAN sent alone. */
export interface KycOnFile {
  pan: string | null
  gstin: string | null
}

export type NormalisedPartnerInput = Omit<PartnerInput, 'bank_account_number'> & { bank_account_number?: string | undefined }

export interface PartnerInputIssue {
  field: string
  code: string
  message: string
}

const trimmed = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (value.trim().replace(/\s+/g, ' ') as T) : value)
const emptyToNull = (value: string | null | undefined): string | null | undefined => (value === '' ? null : value)

/** Normalises and validates; throws one 422 that lists every problem (its code is the first problem's). */
export function normalisePartnerInput(input: PartnerInput, onFile: KycOnFile): NormalisedPartnerInput {
  const issues: PartnerInputIssue[] = []
  const take = (field: string, code: string, raw: string | null | undefined, check: (v: string) => Checked): string | null | undefined => {
    if (raw === undefined || raw === null) return raw
    const result = check(raw)
    if (result.ok) return result.value
    issues.push({ field, code, message: result.message })
    return undefined
  }
  const out: NormalisedPartnerInput = {
    business_name: trimmed(input.business_name),
    description: input.description?.trim(),
    logo_url: emptyToNull(trimmed(input.logo_url)),
    contact_email: emptyToNull(trimmed(input.contact_email)?.toLowerCase()),
    contact_phone: take('contact_phone', 'INVALID_MOBILE', emptyToNull(trimmed(input.contact_phone)), checkIndianMobile),
    city: emptyToNull(trimmed(input.city)),
    state: emptyToNull(trimmed(input.state)),
    address: emptyToNull(trimmed(input.address)),
    pan: take('pan', 'INVALID_PAN', input.pan, checkPan) ?? undefined,
    gstin: take('gstin', 'INVALID_GSTIN', emptyToNull(trimmed(input.gstin)), (v) => checkGstin(v)),
    bank_account_number: take('bank_account_number', 'INVALID_BANK_ACCOUNT', input.bank_account_number, checkBankAccountNumber) ?? undefined,
    ifsc: take('ifsc', 'INVALID_IFSC', input.ifsc, checkIfsc) ?? undefined,
    account_holder_name: trimmed(input.account_holder_name),
  }
  // the PAN and GSTIN that will be on file after this change must belong together
  const pan = input.pan !== undefined ? out.pan : onFile.pan
  const gstin = input.gstin !== undefined ? out.gstin : onFile.gstin
  const bothValid = !issues.some((i) => i.field === 'pan' || i.field === 'gstin')
  if (bothValid && gstin) {
    if (!pan) issues.push({ field: 'gstin', code: 'GSTIN_NEEDS_PAN', message: 'Give the PAN the GSTIN was issued to' })
    else if (gstin.slice(2, 12) !== pan)
      issues.push({ field: 'gstin', code: 'GSTIN_PAN_MISMATCH', message: `GSTIN ${gstin} belongs to PAN ${gstin.slice(2, 12)}, not to PAN ${pan}` })
  }
  if (issues.length > 0) throw new InvalidPartnerInputError(issues)
  return out
}

/** The KYC fields `submit` needs, in the order they are named back to the partner. */
export const REQUIRED_KYC_FIELDS = ['pan', 'bank_account_number', 'ifsc', 'account_holder_name'] as const
export type RequiredKycField = (typeof REQUIRED_KYC_FIELDS)[number]

export function missingKycFields(row: { pan: string | null; bank_account_encrypted: string | null; ifsc: string | null; account_holder_name: string | null }): RequiredKycField[] {
  const present: Record<RequiredKycField, boolean> = {
    pan: Boolean(row.pan),
    bank_account_number: Boolean(row.bank_account_encrypted),
    ifsc: Boolean(row.ifsc),
    account_holder_name: Boolean(row.account_holder_name),
  }
  return REQUIRED_KYC_FIELDS.filter((f) => !present[f])
}
