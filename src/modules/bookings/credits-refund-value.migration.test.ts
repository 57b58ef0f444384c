// Migration 0016 moves the money value that credits bookings kept in refund_amount to credits_refund_value: no money went
// back to those parents. A database at 0015 with such rows, then the rest of the migrations.
import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createListingAtMigration, databaseAtMigration } from '../../../test/database-at-migration.js'
import { createSession, createUser } from '../../../test/factories.js'
import { bookings, unableToAttend } from '../../db/schema/index.js'

const { database, migrateRest } = await databaseAtMigration(15)

describe('migration 0016_credits_refund_value', () => {
  it('a cancelled credits booking keeps its refunded value for financials and answers no money refunded; money bookings are untouched', async () => {
    const { db } = database
    const listing = await createListingAtMigration(db)
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

    await migrateRest()
    const rows = await db.select().from(bookings).where(inArray(bookings.id, [credits, money]))
    expect(rows.find((b) => b.id === credits)).toMatchObject({ refund_amount: 0, credits_refund_value: 49_950, credits_refunded: 1, refund_status: 'processed' })
    expect(rows.find((b) => b.id === money)).toMatchObject({ refund_amount: 49_950, credits_refund_value: 0 })
    const reports = await db.select().from(unableToAttend).where(inArray(unableToAttend.booking_id, [credits, money]))
    expect(reports.find((r) => r.booking_id === credits)!.refund_amount).toBe(0)
    expect(reports.find((r) => r.booking_id === money)!.refund_amount).toBe(49_950)
  })
})
