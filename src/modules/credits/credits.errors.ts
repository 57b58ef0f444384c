// The credits module's expected failures, each with its stable code.
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class InsufficientCreditsError extends ConflictError {
  constructor(needed: number, available: number) {
    super('INSUFFICIENT_CREDITS', `This needs ${needed} credits; the wallet has ${available} usable`)
  }
}

export class TrialPlanAlreadyBoughtError extends ConflictError {
  constructor() {
    super('TRIAL_PLAN_ALREADY_BOUGHT', 'A trial plan can be bought once; choose another plan')
  }
}

export class CreditPlanNotFoundError extends NotFoundError {
  constructor() {
    super('credit plan', 'CREDIT_PLAN_NOT_FOUND')
  }
}

export class CreditPurchaseNotFoundError extends NotFoundError {
  constructor() {
    super('credit purchase', 'CREDIT_PURCHASE_NOT_FOUND')
  }
}

export class NoPlanChangesError extends UnprocessableError {
  constructor() {
    super('NO_CHANGES', 'Send at least one field to change')
  }
}

export class ZeroDeltaError extends UnprocessableError {
  constructor() {
    super('ZERO_DELTA', 'delta must add or take at least one credit')
  }
}
