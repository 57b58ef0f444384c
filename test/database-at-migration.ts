// A PGlite database migrated up to one migration, so a test can write rows as they were then and run the rest.
import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { afterAll } from 'vitest'
import { openDatabase, type Database, type Db } from '../src/db/database.js'
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
 * A parent and an approved listing (with its partner and category) written as raw SQL naming only columns every
 * migration has had: the factories' `returning()` reads today's columns, which an early database may not have yet.
 */
export async function insertEarlyParentAndListing(db: Db): Promise<{ parent: { id: string }; listing: { id: string } }> {
  const [parent, owner, partner, category, listing] = Array.from({ length: 5 }, () => randomUUID())
  const tag = parent!.slice(0, 8)
  await db.execute(sql`insert into users (id, name, email, role) values
    (${parent}::uuid, ${`Parent ${tag}`}, ${`p-${tag}@example.com`}, 'customer'), (${owner}::uuid, ${`Owner ${tag}`}, ${`o-${tag}@example.com`}, 'partner')`)
  await db.execute(sql`insert into partners (id, user_id, business_name) values (${partner}::uuid, ${owner}::uuid, ${`Studio ${tag}`})`)
  await db.execute(sql`insert into categories (id, slug, name) values (${category}::uuid, ${`cat-${tag}`}, ${`Category ${tag}`})`)
  await db.execute(sql`insert into listings (id, partner_id, category_id, title, type, age_min, age_max, price, status)
    values (${listing}::uuid, ${partner}::uuid, ${category}::uuid, ${`Activity ${tag}`}, 'class', 4, 12, 99900, 'approved')`)
  return { parent: { id: parent! }, listing: { id: listing! } }
}
