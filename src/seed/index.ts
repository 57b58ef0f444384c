// Demo data: what main.ts seeds into an empty dev database and `npm run seed` seeds on demand.
import type { Logger } from 'pino'
import { sql } from 'drizzle-orm'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import { queryRow } from '../db/query.js'
import { systemClock } from '../shared/clock.js'
import { seedDemoData } from './demo.js'

export { seedDemoData, type SeedDemoOptions, type SeedSummary } from './demo.js'

/** Seeds only a database without categories, so a dev server never re-adds demo rows someone removed on purpose. */
export async function seedDemoDataIfEmpty(database: Database, config: Pick<Config, 'adminEmails'>, log: Logger): Promise<void> {
  const row = await queryRow<{ present: boolean }>(database.db, sql`select exists (select 1 from categories) as present`)
  if (row?.present) return
  const summary = await seedDemoData(database.db, { clock: systemClock, adminEmails: config.adminEmails })
  log.info({ inserted: summary }, `demo data seeded: ${summary.listings} listings from ${summary.partners} partners (SEED_DEMO_DATA=false turns this off)`)
}
export { seedProductionData } from './production.js'
export { STARTING_CATEGORIES, type StartingSetSummary } from './starting-set.js'
