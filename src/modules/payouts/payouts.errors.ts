// The payouts module's expected failures, each with its stable code.
import { ConflictError, NotFoundError } from '../../shared/errors.js'

export class PayoutRequestNotFoundError extends NotFoundError {
  constructor() {
    super('payout request', 'PAYOUT_REQUEST_NOT_FOUND')
  }
}

/** More than the partner may be paid now (payable_now), counting every payout still holding money. */
export class PayoutExceedsPayableError extends ConflictError {
  constructor(payable: number) {
    super('PAYOUT_EXCEEDS_PAYABLE', `At most ${payable} paise can be requested now`)
  }
}

/** The request is not in a state this action applies to (approve a paid one, mark a rejected one paid…). */
export class PayoutStateError extends ConflictError {
  constructor(action: string, status: string) {
    super('PAYOUT_WRONG_STATE', `A payout request that is ${status} cannot be ${action}`)
  }
}

/** mark-paid is for payouts approved in manual mode; RazorpayX ones are settled by its webhooks. */
export class PayoutNotManualError extends ConflictError {
  constructor() {
    super('PAYOUT_NOT_MANUAL', 'This payout is paid through RazorpayX; its webhooks mark it paid')
  }
}

/** RazorpayX pays to the bank account of the partner's KYC; without one nothing can be approved. */
export class PayoutBankDetailsMissingError extends ConflictError {
  constructor() {
    super('BANK_DETAILS_MISSING', 'The partner has no bank account (number, IFSC, holder name) on their KYC')
  }
}
