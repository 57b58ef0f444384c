// The ratings as a property: after any sequence of review writes, edits, hides and restores (through the HTTP API), the
// listings' and the partner's rating_avg/rating_count equal a recomputation from a model of the visible reviews.
import fc from 'fast-check'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createBookingWithSeat, createListing, createPartner, createUser } from '../../../test/factories.js'
import { listings, partners } from '../../db/schema/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const BOOKINGS = 5

const Op = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), booking: fc.nat(BOOKINGS - 1), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('edit' as const), booking: fc.nat(BOOKINGS - 1), rating: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('hide' as const), booking: fc.nat(BOOKINGS - 1) }),
  fc.record({ kind: fc.constant('restore' as const), booking: fc.nat(BOOKINGS - 1) }),
)

const round2 = (n: number) => Math.round(n * 100) / 100
function expected(model: Iterable<{ rating: number; hidden: boolean; listing: number }>, listing?: number) {
  const visible = [...model].filter((r) => !r.hidden && (listing === undefined || r.listing === listing))
  return { avg: visible.length === 0 ? 0 : round2(visible.reduce((s, r) => s + r.rating, 0) / visible.length), count: visible.length }
}

describe('listing and partner ratings', () => {
  it('equal a recomputation from the visible reviews after any sequence of writes, edits, hides and restores', async () => {
    const admin = await authHeader(await createUser(db, { role: 'admin' }), ctx.clock)
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const partner = await createPartner(db)
        const two = [await createListing(db, { partner_id: partner.id }), await createListing(db, { partner_id: partner.id })]
        const parent = await createUser(db)
        const headers = await authHeader(parent, ctx.clock)
        const booked = []
        for (let i = 0; i < BOOKINGS; i++) booked.push(await createBookingWithSeat(db, two[i % 2]!, parent.id, ctx.clock.now()))
        const model = new Map<number, { id: string; rating: number; hidden: boolean; listing: number }>()

        for (const op of ops) {
          const current = model.get(op.booking)
          if (op.kind === 'write') {
            const res = await ctx.app.inject({ method: 'POST', url: '/api/reviews', headers, payload: { booking_id: booked[op.booking]!.id, rating: op.rating } })
            expect(res.statusCode).toBe(current ? 409 : 201)
            if (!current) model.set(op.booking, { id: res.json().id, rating: op.rating, hidden: false, listing: op.booking % 2 })
          } else if (!current) {
            continue
          } else if (op.kind === 'edit') {
            const res = await ctx.app.inject({ method: 'PATCH', url: `/api/reviews/${current.id}`, headers, payload: { rating: op.rating } })
            expect(res.statusCode).toBe(200)
            current.rating = op.rating
          } else {
            const res = await ctx.app.inject({ method: 'POST', url: `/api/admin/reviews/${current.id}/${op.kind}`, headers: admin, payload: { reason: 'Checked' } })
            expect(res.statusCode).toBe(current.hidden === (op.kind === 'restore') ? 200 : 409)
            current.hidden = op.kind === 'hide'
          }
        }

        const rows = await db.select({ id: listings.id, avg: listings.rating_avg, count: listings.rating_count }).from(listings).where(inArray(listings.id, two.map((l) => l.id)))
        for (const [i, listing] of two.entries()) {
          const row = rows.find((r) => r.id === listing.id)!
          expect({ avg: Number(row.avg), count: row.count }).toEqual(expected(model.values(), i))
        }
        const [p] = await db.select({ avg: partners.rating_avg, count: partners.rating_count }).from(partners).where(eq(partners.id, partner.id))
        expect({ avg: Number(p!.avg), count: p!.count }).toEqual(expected(model.values()))
        const shown = (await ctx.app.inject({ method: 'GET', url: `/api/partners/${partner.id}/reviews` })).json()
        expect(shown.rating.count).toBe(expected(model.values()).count)
      }),
      { numRuns: 12 },
    )
  }, 120_000)
})
