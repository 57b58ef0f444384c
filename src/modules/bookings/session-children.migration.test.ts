// Migration 0034 puts the children of every seat row not released into session_children, so the seats held before it
// count: a child already seated stays refused, one whose seat was released is free, and a child doubled by the race
// 0034 closes keeps one row (its first booking's).
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { databaseAtMigration, insertEarlyParentAndListing } from '../../../test/database-at-migration.js'
import { createSession } from '../../../test/factories.js'
import { queryRows } from '../../db/query.js'

const { database, migrateRest } = await databaseAtMigration(33)

describe('migration 0034_session_children', () => {
  it('seats the children of the seat rows held before it, once each', async () => {
    const { db } = database
    const { parent, listing } = await insertEarlyParentAndListing(db)
    const session = await createSession(db, listing.id, new Date('2026-12-20T04:30:00Z'))
    const [kidA, kidB, kidC] = [randomUUID(), randomUUID(), randomUUID()]
    const [held, released, doubled] = [randomUUID(), randomUUID(), randomUUID()]
    const booking = (id: string, kids: string[]) =>
      sql`(${id}::uuid, ${parent.id}::uuid, ${listing.id}::uuid, 'confirmed', 99900, 'mock', ${`{${kids.join(',')}}`}::uuid[])`
    await db.execute(sql`insert into bookings (id, user_id, listing_id, status, amount, payment_method, child_ids)
      values ${booking(held, [kidA, kidB])}, ${booking(released, [kidC])}, ${booking(doubled, [kidA])}`)
    await db.execute(sql`insert into booking_sessions (booking_id, session_id, seats, status, created_at) values
      (${held}::uuid, ${session.id}::uuid, 2, 'booked', '2026-12-01T00:00:00Z'),
      (${released}::uuid, ${session.id}::uuid, 1, 'released', '2026-12-01T00:01:00Z'),
      (${doubled}::uuid, ${session.id}::uuid, 1, 'booked', '2026-12-01T00:02:00Z')`)

    await migrateRest()
    const rows = await queryRows<{ child_id: string; booking_id: string }>(
      db,
      sql`select child_id, booking_id from session_children where session_id = ${session.id}::uuid order by child_id`,
    )
    expect(rows).toEqual(
      [
        { child_id: kidA, booking_id: held },
        { child_id: kidB, booking_id: held },
      ].sort((a, b) => (a.child_id < b.child_id ? -1 : 1)),
    )
  })
})
