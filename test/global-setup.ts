// Migrate once per run: a PGlite data-dir dump, or a PostgreSQL template database; every test file starts from a copy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase, type Database } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createJobQueue } from '../src/jobs/job-queue.js'
import { pino } from 'pino'
import { templateDatabaseName, withDatabaseName } from './test-database-names.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDumpPath: string
    postgresTemplateUrl: string
  }
}

// pg-boss installs its own schema on first start; doing it in the template saves it in every test database
async function installJobSchema(database: Database): Promise<void> {
  const jobs = createJobQueue(database, pino({ level: 'silent' }), { background: false })
  await jobs.prepare()
  await jobs.stop()
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const template = templateDatabaseName()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${template}`)
    await admin.query(`CREATE DATABASE ${template}`)
    const database = await openDatabase({ url: withDatabaseName(url, template), poolMax: 2 })
    await migrateDatabase(database)
    await installJobSchema(database)
    await database.close()
    project.provide('postgresTemplateUrl', withDatabaseName(url, template))
    project.provide('pgliteDumpPath', '')
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template}`)
      await admin.end()
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'rrray-test-'))
  const database = await openDatabase({})
  await migrateDatabase(database)
  await installJobSchema(database)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  const path = join(dir, 'migrated.tar')
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteDumpPath', path)
  project.provide('postgresTemplateUrl', '')
  return async () => rmSync(dir, { recursive: true, force: true })
}
