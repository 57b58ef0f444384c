// The CreditWallet the bookings module pays through: spend and refund inside the booking's transaction.
import type { CreditWallet } from '../bookings/index.js'
import { openWallet, refundCredits, spendCredits, usableCredits } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'
import { InsufficientCreditsError } from './credits.errors.js'

export function createCreditWallet(deps: Pick<CreditsDeps, 'clock' | 'ids' | 'refundGraceDays'>): CreditWallet {
  const { clock, ids } = deps
  return {
    async ensureUsable(tx, userId, credits) {
      const usable = await usableCredits(tx, userId, clock.now())
      if (usable < credits) throw new InsufficientCreditsError(credits, usable)
    },
    async spend(tx, input) {
      const ctx = { tx, ids, now: clock.now() }
      await openWallet(ctx, input.user_id)
      await spendCredits(ctx, input)
    },
    async refund(tx, input) {
      const ctx = { tx, ids, now: clock.now() }
      await openWallet(ctx, input.user_id)
      await refundCredits(ctx, { ...input, grace_days: deps.refundGraceDays })
    },
  }
}
