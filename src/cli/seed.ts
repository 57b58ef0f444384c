// `npm run seed`: migrations, then the demo data, against the configured database (DATABASE_URL, else PGlite in DATA_DIR).
import 'dotenv/config'
import { pino } from 'pino'
import { ConfigError, loadConfig } from '../config.js'
import { DataDirLockedError } from '../db/data-dir-lock.js'
import { openDatabase, type Database } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'
import { seedDemoData } from '../seed/demo.js'
import { systemClock } from '../shared/clock.js'

const log = pino({ level: 'info' })

async function run(): Promise<number> {
  const config = loadConfig(process.env)
  let database: Database
  try {
    database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      log.fatal(err.message)
      return 1
    }
    throw err
  }
  try {
    await migrateDatabase(database)
    const summary = await seedDemoData(database.db, { clock: systemClock, adminEmails: config.adminEmails })
    log.info({ engine: database.engine, inserted: summary }, 'demo data seeded (rows already present were left as they were)')
    return 0
  } finally {
    await database.close()
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) for (const problem of err.problems) log.fatal(`configuration: ${problem}`)
    else log.fatal({ err }, 'seeding failed')
    process.exit(1)
  },
)
