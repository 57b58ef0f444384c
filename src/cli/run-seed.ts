// The seed commands' shared run: migrations, then one seed, against the configured database (DATABASE_URL, else PGlite in DATA_DIR).
import 'dotenv/config'
import { pino } from 'pino'
import { ConfigError, loadConfig, type Config } from '../config.js'
import { DataDirLockedError } from '../db/data-dir-lock.js'
import { openDatabase, type Database, type Db } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'

const log = pino({ level: 'info' })

async function run(what: string, seed: (db: Db, config: Config) => Promise<unknown>): Promise<number> {
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
    const summary = await seed(database.db, config)
    log.info({ engine: database.engine, inserted: summary }, `${what} seeded (rows already present were left as they were)`)
    return 0
  } finally {
    await database.close()
  }
}

/** Runs the seed and exits the process with its outcome. */
export function runSeedCommand(what: string, seed: (db: Db, config: Config) => Promise<unknown>): void {
  run(what, seed).then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof ConfigError) for (const problem of err.problems) log.fatal(`configuration: ${problem}`)
      else log.fatal({ err }, 'seeding failed')
      process.exit(1)
    },
  )
}
