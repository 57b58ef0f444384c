// The expiry job: every wallet holding credits past their date gets its `expire` entries, one wallet per transaction.
// Running it again (or in two processes at once) writes nothing more: a lot written off has nothing left to expire.
import { expireDueLots, lockWallet, usersWithDueLots } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'

const BATCH = 200

/** Writes the due expiries; returns how many entries were written. */
export async function expireCredits(deps: Pick<CreditsDeps, 'db' | 'clock' | 'ids'>): Promise<number> {
  const now = deps.clock.now()
  let written = 0
  for (;;) {
    const users = await usersWithDueLots(deps.db, now, BATCH)
    for (const userId of users) {
      written += await deps.db.transaction(async (tx) => {
        await lockWallet(tx, userId, now)
        return (await expireDueLots({ tx, ids: deps.ids, now }, userId)).length
      })
    }
    if (users.length < BATCH) return written
  }
}
