// A fresh, migrated database for one test file: a copy of the run's template, dropped when the file is done.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import type { Logger } from 'drizzle-orm'
import { openDatabase, type Database } from '../src/db/database.js'
import { withDatabaseName } from './test-database-names.js'

export function usingPostgres(): boolean {
  return Boolean(inject('postgresTemplateUrl'))
}

/** PostgreSQL only: a fresh copy of the run's migrated template, by URL (for a server process), and how to drop it. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const templateUrl = inject('postgresTemplateUrl')
  if (!templateUrl) throw new Error('createTestDatabaseUrl needs PostgreSQL (TEST_DATABASE_URL)')
  const template = new URL(templateUrl).pathname.slice(1)
  const name = `rrray_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: withDatabaseName(templateUrl, 'postgres') })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  } finally {
    await admin.end()
  }
  return {
    url: withDatabaseName(templateUrl, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: withDatabaseName(templateUrl, 'postgres') })
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end())
    },
  }
}

/** `logger` sees every statement sent (a test counts round trips with it). */
export async function createTestDatabase(options: { poolMax?: number; logger?: Logger } = {}): Promise<Database> {
  const logger = options.logger ? { logger: options.logger } : {}
  if (!usingPostgres()) {
    const dump = readFileSync(inject('pgliteDumpPath'))
    return openDatabase({ loadDataDir: new Blob([dump]), ...logger })
  }
  const { url, drop } = await createTestDatabaseUrl()
  const database = await openDatabase({ url, poolMax: options.poolMax ?? 20, ...logger })
  return {
    ...database,
    async close() {
      await database.close()
      await drop()
    },
  }
}
