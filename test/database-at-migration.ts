// A PGlite database migrated up to one migration, so a test can write rows as they were then and run the rest.
import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
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

/**
 * An approved listing of a new partner, written in raw SQL with only the columns every migration has: today's factories
 * name columns (partners.rating_avg, …) that a database at an older migration does not have yet.
 */
export async function createListingAtMigration(db: Database['db']): Promise<{ id: string; partner_id: string }> {
  const [userId, partnerId, categoryId, listingId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()]
  await db.execute(sql`insert into users (id, name, role) values (${userId}::uuid, 'Partner', 'partner')`)
  await db.execute(sql`insert into partners (id, user_id, business_name, city, state, kyc_status) values (${partnerId}::uuid, ${userId}::uuid, 'Studio', 'Gurgaon', 'Haryana', 'verified')`)
  await db.execute(sql`insert into categories (id, slug, name) values (${categoryId}::uuid, ${`cat-${categoryId.slice(0, 8)}`}, 'Category')`)
  await db.execute(sql`insert into listings (id, partner_id, category_id, title, type, age_min, age_max, price, status, city)
    values (${listingId}::uuid, ${partnerId}::uuid, ${categoryId}::uuid, 'Activity', 'class', 4, 12, 99900, 'approved', 'Gurgaon')`)
  return { id: listingId, partner_id: partnerId }
}
