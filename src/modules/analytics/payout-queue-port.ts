// How the dashboard counts payout requests waiting for an admin: the payouts module answers it; app.ts hands it over.
import type { Executor } from '../../db/database.js'

export interface PayoutQueuePort {
  pendingPayoutRequests(executor: Executor): Promise<number>
}
