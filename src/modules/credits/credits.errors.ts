// The credits module's expected failures, each with its stable code.
import { ConflictError, NotFoundError } from '../../shared/errors.js'

export const insufficientCredits = (needed: number, available: number) =>
  new ConflictError('INSUFFICIENT_CREDITS', `This needs ${needed} credits; the wallet has ${available} usable`)
export const trialPlanAlreadyBought = () => new ConflictError('TRIAL_PLAN_ALREADY_BOUGHT', 'A trial plan can be bought once; choose another plan')
export const creditPlanNotFound = () => new NotFoundError('credit plan')
export const creditPurchaseNotFound = () => new NotFoundError('credit purchase')
export const userNotFound = () => new NotFoundError('user')
