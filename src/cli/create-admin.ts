// npm run create-admin -- --email you@example.com --name "Your Name" [--password '…']
// Opens the server's database (DATABASE_URL, or PGlite in DATA_DIR: refused while the server holds it), migrates,
// then creates the admin account or promotes the account holding that email. Prints one line.
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { ConfigError, loadConfig } from '../config.js'
import { DataDirLockedError } from '../db/data-dir-lock.js'
import { openDatabase } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'
import { createOrPromoteAdmin } from '../modules/auth/index.js'
import { systemClock } from '../shared/clock.js'
import { AppError } from '../shared/errors.js'
import { uuidGenerator } from '../shared/ids.js'

const USAGE = 'usage: npm run create-admin -- --email you@example.com [--name "Your Name"] [--password "…"]'
const log = pino({ base: undefined })

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  })
  if (!values.email) {
    log.error(USAGE)
    process.exitCode = 2
    return
  }
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  const config = loadConfig(process.env, version)
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })
  try {
    await migrateDatabase(database)
    const { user, created } = await createOrPromoteAdmin(
      { db: database.db, clock: systemClock, ids: uuidGenerator },
      { email: values.email, name: values.name, password: values.password },
    )
    log.info({ user_id: user.id, email: user.email, status: user.status }, created ? 'admin account created' : 'existing account promoted to admin')
  } finally {
    await database.close()
  }
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError || err instanceof AppError) log.error(err.message)
  else if (err instanceof ConfigError) log.error(err.problems.join('; '))
  else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) log.error(`${err.message}. ${USAGE}`)
  else log.error({ err }, 'create-admin failed')
  process.exitCode = 1
})
