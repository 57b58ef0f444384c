// What `npm run seed:production` loads into a real deployment's database: the starting set and nothing else
// (no partners, listings or users). Idempotent: a second run inserts nothing.
import type { Db } from '../db/database.js'
import { seedStartingSet, type StartingSetSummary } from './starting-set.js'

export function seedProductionData(db: Db): Promise<StartingSetSummary> {
  return db.transaction((tx) => seedStartingSet(tx))
}
