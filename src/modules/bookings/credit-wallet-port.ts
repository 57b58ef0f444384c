// Paying with credits: the wallet a booking spends from and gives back to, inside the booking's own transaction (the
// credits module implements it; the ledger's database rules keep every balance ≥ 0). Seats are taken before the wallet
// is locked, and released before it on cancellation: one lock order, so the two never wait on each other in a circle.
import type { Executor } from '../../db/database.js'

export interface CreditWallet {
  /** Throws 409 INSUFFICIENT_CREDITS when the wallet's unexpired credits are fewer (a read without a lock, to fail early). */
  ensureUsable(tx: Executor, userId: string, credits: number): Promise<void>
  /** Spends the credits that expire first; throws 409 INSUFFICIENT_CREDITS, leaving the transaction to roll back. */
  spend(tx: Executor, input: { user_id: string; booking_id: string; credits: number; reason: string }): Promise<void>
  /** Returns credits to the lots they came from (their expiry kept), or into a grace lot when that expiry has passed. */
  refund(tx: Executor, input: { user_id: string; booking_id: string; credits: number; reason: string }): Promise<void>
}
