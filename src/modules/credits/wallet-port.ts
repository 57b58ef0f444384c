// The CreditWallet the bookings module pays through: spend and refund inside the booking's own transaction (the ledger's
// database rules keep every balance ≥ 0). Seats are taken before the wallet is locked, and released before it on
// cancellation: one lock order, so the two never wait on each other in a circle.
import type { SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { openWallet, refundCredits, spendCreditsForBooking, usableCredits, usableCreditsSql } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'
import { InsufficientCreditsError } from './credits.errors.js'

export interface CreditWallet {
  /** Throws 409 INSUFFICIENT_CREDITS when the wallet's unexpired credits are fewer (a read without a lock, to fail early). */
  ensureUsable(tx: Executor, userId: string, credits: number): Promise<void>
  /** The same check on a figure the caller read with `usableSql` in a statement of its own. */
  refuseShort(usable: number, credits: number): void
  /** The wallet's unexpired credits as a scalar subquery. */
  usableSql(userId: string): SQL
  /** Spends the credits that expire first; throws 409 INSUFFICIENT_CREDITS, leaving the transaction to roll back. */
  spend(tx: Executor, input: { user_id: string; booking_id: string; credits: number; reason: string }): Promise<void>
  /** Returns credits to the lots they came from (their expiry kept), or into a grace lot when that expiry has passed. */
  refund(tx: Executor, input: { user_id: string; booking_id: string; credits: number; reason: string }): Promise<void>
}

export function createCreditWallet(deps: Pick<CreditsDeps, 'clock' | 'ids' | 'refundGraceDays'>): CreditWallet {
  const { clock, ids } = deps
  return {
    async ensureUsable(tx, userId, credits) {
      this.refuseShort(await usableCredits(tx, userId, clock.now()), credits)
    },
    refuseShort(usable, credits) {
      if (usable < credits) throw new InsufficientCreditsError(credits, usable)
    },
    usableSql: (userId) => usableCreditsSql(userId, clock.now()),
    async spend(tx, input) {
      await spendCreditsForBooking({ tx, ids, now: clock.now() }, input)
    },
    async refund(tx, input) {
      const ctx = { tx, ids, now: clock.now() }
      await openWallet(ctx, input.user_id)
      await refundCredits(ctx, { ...input, grace_days: deps.refundGraceDays })
    },
  }
}
