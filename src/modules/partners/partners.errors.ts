// Expected failures of the partners module, each with its stable code.
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { KycStatus } from './kyc-status.js'
import type { PartnerInputIssue, RequiredKycField } from './partner-input.js'

export class PartnerExistsError extends ConflictError {
  constructor() {
    super('PARTNER_EXISTS', 'You already have a partner profile; change it with PUT /api/partners/my')
  }
}

/** Admins run the platform; a business needs its own account, so reviews never judge their own KYC. */
export class AdminCannotBePartnerError extends ForbiddenError {
  constructor() {
    super('An admin account cannot own a partner profile; sign up the business with another account', 'ADMIN_CANNOT_BE_PARTNER')
  }
}

export class PartnerProfileNotFoundError extends NotFoundError {
  constructor() {
    super('partner profile', 'PARTNER_PROFILE_NOT_FOUND')
  }
}

export class PartnerNotFoundError extends NotFoundError {
  constructor() {
    super('partner', 'PARTNER_NOT_FOUND')
  }
}

export class KycIncompleteError extends UnprocessableError {
  constructor(missing: readonly RequiredKycField[]) {
    super('KYC_INCOMPLETE', `KYC is incomplete: add ${missing.join(', ')} before submitting`)
  }
}

/** Every problem of the input in one message; the code is the first problem's (INVALID_PAN, GSTIN_PAN_MISMATCH, …). */
export class InvalidPartnerInputError extends UnprocessableError {
  constructor(issues: readonly PartnerInputIssue[]) {
    super(issues[0]!.code, issues.map((i) => `${i.field}: ${i.message}`).join('; '))
  }
}

export class KycRejectionReasonRequiredError extends UnprocessableError {
  constructor() {
    super('REASON_REQUIRED', 'A reason is required to reject a KYC; the partner sees it')
  }
}

export class KycNotVerifiedError extends ConflictError {
  constructor(message: string) {
    super('KYC_NOT_VERIFIED', message)
  }
}

export class KycNotSubmittedError extends ConflictError {
  constructor(status: KycStatus) {
    super('KYC_NOT_SUBMITTED', `KYC is ${status.replace('_', ' ')}; only a submitted KYC can be reviewed`)
  }
}

export class KycAlreadyVerifiedError extends ConflictError {
  constructor() {
    super('KYC_ALREADY_VERIFIED', 'KYC is already verified')
  }
}

export class KycAlreadySubmittedError extends ConflictError {
  constructor() {
    super('KYC_ALREADY_SUBMITTED', 'KYC is already submitted and waiting for review')
  }
}

export class PartnerAlreadySuspendedError extends ConflictError {
  constructor() {
    super('PARTNER_ALREADY_SUSPENDED', 'This partner is already suspended')
  }
}

export class PartnerNotSuspendedError extends ConflictError {
  constructor() {
    super('PARTNER_NOT_SUSPENDED', 'This partner is not suspended')
  }
}

export class InvalidCommissionError extends UnprocessableError {
  constructor() {
    super('INVALID_COMMISSION', 'commission_percent is a percentage from 0 to 100 with at most 2 decimals, or null for the platform default')
  }
}
