// Expected failures of the partners module, each with its stable code.
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { RequiredKycField } from './partner-input.js'

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

export class RejectionReasonRequiredError extends UnprocessableError {
  constructor() {
    super('REASON_REQUIRED', 'A reason is required to reject a KYC; the partner sees it')
  }
}

export class KycNotVerifiedError extends ConflictError {
  constructor(message: string) {
    super('KYC_NOT_VERIFIED', message)
  }
}
