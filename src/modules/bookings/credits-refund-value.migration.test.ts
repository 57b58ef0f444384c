// Migration 0016 moves the money value that credits bookings kept in refund_amount to credits_refund_value: no money went
// back to those parents. A database at 0015 with such rows, then the rest of the migrations.
import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inArray, sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { createListing, createSession, createUser } from '../../../test/factories.js'
import { openDatabase } from '../../db/database.js'
import { MIGRATIONS_FOLDER } from '../../db/migrate.js'
import { bookings, unableToAttend } from '../../db/schema/index.js'

const LAST_BEFORE = 15
const folder = mkdtempSync(join(tmpdir(), 'rrray-migrations-'))
cpSync(MIGRATIONS_FOLDER, folder, { recursive: true })
const journalPath = join(folder, 'meta', '_journal.json')
const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number }> }
writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= LAST_BEFORE) }))

const database = await openDatabase({})
const migrateWith = (migrationsFolder: string) => migrate(database.db as unknown as PgliteDatabase, { migrationsFolder })
afterAll(async () => {
  await database.close()
  rmSync(folder, { recursive: true, force: true })
})

describe('migration 0016_credits_refund_value', () => {
  it('a cancelled credits booking keeps its refunded value for financials and answers no money refunded; money bookings are untouched', async () => {
    await migrateWith(folder)
    const { db } = database
    const listing = await createListing(db)
    const session = await createSession(db, listing.id, new Date('2026-12-01T04:30:00Z'))
    const parent = await createUser(db)
    const [credits, money] = [randomUUID(), randomUUID()]
    // raw SQL: today's bookings table has a column this database at 0015 does not have yet
    await db.execute(sql`insert into bookings (id, user_id, listing_id, status, amount, payment_method, credits_amount, credits_refunded, refund_amount, refund_status)
      values (${credits}::uuid, ${parent.id}::uuid, ${listing.id}::uuid, 'cancelled', 99900, 'credits', 3, 1, 49950, 'processed'),
             (${money}::uuid, ${parent.id}::uuid, ${listing.id}::uuid, 'cancelled', 99900, 'razorpay', 0, 0, 49950, 'processed')`)
    await db.insert(unableToAttend).values([
      { booking_id: credits, session_id: session.id, reason: 'Fever', outcome: 'refunded', refund_amount: 49_950 },
      { booking_id: money, session_id: session.id, reason: 'Fever', outcome: 'refunded', refund_amount: 49_950 },
    ])

    await migrateWith(MIGRATIONS_FOLDER)
    const rows = await db.select().from(bookings).where(inArray(bookings.id, [credits, money]))
    expect(rows.find((b) => b.id === credits)).toMatchObject({ refund_amount: 0, credits_refund_value: 49_950, credits_refunded: 1, refund_status: 'processed' })
    expect(rows.find((b) => b.id === money)).toMatchObject({ refund_amount: 49_950, credits_refund_value: 0 })
    const reports = await db.select().from(unableToAttend).where(inArray(unableToAttend.booking_id, [credits, money]))
    expect(reports.find((r) => r.booking_id === credits)!.refund_amount).toBe(0)
    expect(reports.find((r) => r.booking_id === money)!.refund_amount).toBe(49_950)
  })
})
