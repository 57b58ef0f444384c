// A PGlite database migrated up to one migration, so a test can write rows as they were then and run the rest.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { afterAll } from 'vitest'
import { openDatabase, type Database } from '../src/db/database.js'
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js'

/** The database at migration `lastIdx` (closed after the file); `migrateRest()` applies every later migration. */
export async function databaseAtMigration(lastIdx: number): Promise<{ database: Database; migrateRest: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'rrray-migrations-'))
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> }
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= lastIdx) }))
  const database = await openDatabase({})
  const migrateWith = (migrationsFolder: string) => migrate(database.db as unknown as PgliteDatabase, { migrationsFolder })
  afterAll(async () => {
    await database.close()
    rmSync(folder, { recursive: true, force: true })
  })
  await migrateWith(folder)
  return { database, migrateRest: () => migrateWith(MIGRATIONS_FOLDER) }
}
