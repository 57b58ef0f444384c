// Liveness without a query per request: the database's reachability as last probed, refreshed at most once per
// `maxAgeMs` by one probe in flight, so a load balancer polling /api/health costs the database nothing per poll.
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/database.js'

export interface DatabaseProbe {
  /** The latest known answer; waits only for the very first probe. */
  reachable(): Promise<boolean>
}

export function createDatabaseProbe(database: Database, maxAgeMs = 2_000, now: () => number = () => performance.now()): DatabaseProbe {
  let known: boolean | undefined
  let probedAt = -Infinity
  let inFlight: Promise<boolean> | undefined

  const probe = (): Promise<boolean> => {
    inFlight ??= database.db
      .execute(sql`select 1`)
      .then(() => true, () => false)
      .then((ok) => {
        known = ok
        probedAt = now()
        inFlight = undefined
        return ok
      })
    return inFlight
  }

  return {
    async reachable() {
      if (known === undefined) return probe()
      if (now() - probedAt > maxAgeMs) void probe()
      return known
    },
  }
}
