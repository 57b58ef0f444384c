// `npm run migrate` (in a built image: `node dist/cli/migrate.js`): the deployment step before a rolling restart. Applies
// the committed migrations and installs or upgrades the job queue's schema once, then exits; API processes started
// afterwards find nothing left to do (they would also migrate, one at a time under an advisory lock).
import 'dotenv/config'
import { pino } from 'pino'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'
import { createJobQueue } from '../jobs/job-queue.js'

const log = pino({ level: 'info' })

async function run(): Promise<void> {
  const config = loadConfig(process.env)
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, poolMax: 2 } : { dataDir: config.dataDir })
  try {
    await migrateDatabase(database)
    const jobs = createJobQueue(database, log, { background: false })
    await jobs.prepare()
    await jobs.stop()
    log.info({ engine: database.engine }, 'migrations applied')
  } finally {
    await database.close()
  }
}

run().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ConfigError) for (const problem of err.problems) log.fatal(`configuration: ${problem}`)
    else log.fatal({ err }, 'migration failed')
    process.exit(1)
  },
)
