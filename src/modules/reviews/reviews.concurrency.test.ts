// Real parallel HTTP on PostgreSQL: reviews of many bookings of one partner written, hidden and doubled at once leave
// one review per booking and ratings equal to a recomputation (the partner's rating lock serialises the recomputes).
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createBookingWithSeat, createListing, createPartner, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { queryRow } from '../../db/query.js'
import { partners } from '../../db/schema/index.js'

describe.runIf(usingPostgres())('reviews under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })

  async function send(url: string, headers: Record<string, string>, body: object) {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as { id?: string } }
  }

  it('parallel reviews of one partner’s listings keep its ratings exact; a doubled review is written once', async () => {
    const partner = await createPartner(db)
    const listings = [await createListing(db, { partner_id: partner.id }), await createListing(db, { partner_id: partner.id })]
    const writes = []
    for (let i = 0; i < 12; i++) {
      const parent = await createUser(db)
      const booking = await createBookingWithSeat(db, listings[i % 2]!, parent.id, ctx.clock.now())
      const headers = await authHeader(parent, ctx.clock)
      const body = { booking_id: booking.id, rating: (i % 5) + 1 }
      writes.push(send('/api/reviews', headers, body), send('/api/reviews', headers, body))
    }
    const answers = await Promise.all(writes)
    expect(answers.filter((a) => a.status === 201)).toHaveLength(12)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(12)

    const admin = await authHeader(await createUser(db, { role: 'admin' }), ctx.clock)
    const created = answers.filter((a) => a.status === 201).slice(0, 4)
    await Promise.all(created.map((a) => send(`/api/admin/reviews/${a.body.id}/hide`, admin, { reason: 'Spam' })))

    const truth = await queryRow<{ avg: string; count: number }>(
      db,
      sql`select coalesce(round(avg(rating), 2), 0)::text as avg, count(*)::int as count from reviews where partner_id = ${partner.id}::uuid and hidden_at is null`,
    )
    const [stored] = await db.select({ avg: partners.rating_avg, count: partners.rating_count }).from(partners).where(eq(partners.id, partner.id))
    expect({ avg: Number(stored!.avg), count: stored!.count }).toEqual({ avg: Number(truth!.avg), count: 8 })
    for (const listing of listings) {
      const row = await queryRow<{ ok: boolean }>(
        db,
        sql`select l.rating_count = (select count(*) from reviews r where r.listing_id = l.id and r.hidden_at is null)
              and l.rating_avg = (select coalesce(round(avg(r.rating), 2), 0) from reviews r where r.listing_id = l.id and r.hidden_at is null) as ok
            from listings l where l.id = ${listing.id}::uuid`,
      )
      expect(row!.ok).toBe(true)
    }
  })
})
