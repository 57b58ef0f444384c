// The bench's /bench/search-reference (bench/search-reference.ts) and GET /api/search give the same answers — the
// same cards in the same order, the same total — for every search of the bench's mix, on a small copy of its data set.
import { describe, expect, it } from 'vitest'
import { createSearchReference } from '../bench/search-reference.js'
import { searchMix, toQueryString } from '../bench/search-mix.js'
import { seedLargeData } from '../bench/seed-large.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { buildTestApp } from './build-test-app.js'

const ctx = await buildTestApp()
ctx.clock.set(new Date('2026-03-06T06:30:00.000Z'))
await seedLargeData(ctx.database.db, { users: 400, partners: 40, venues: 80, listings: 600, sessionsPerListing: 15, bookings: 200 }, ctx.clock)
const today = localDate(ctx.clock.now(), 'Asia/Kolkata')
const mix = searchMix((n) => addDays(today, n))
const reference = createSearchReference(ctx.database)

describe('GET /bench/search-reference', () => {
  it('the mix drives at least 200 distinct searches in at least 12 shapes', () => {
    expect(new Set(mix.map((m) => toQueryString(m.params))).size).toBe(mix.length)
    expect(mix.filter((m) => m.driven).length).toBeGreaterThanOrEqual(200)
    expect(new Set(mix.map((m) => m.shape)).size).toBeGreaterThanOrEqual(12)
  })

  it('answers every search of the mix as /api/search does', async () => {
    let withCards = 0
    for (const m of mix) {
      const qs = toQueryString(m.params)
      const res = await ctx.app.inject({ method: 'GET', url: `/api/search?${qs}` })
      expect(res.statusCode, `${m.shape}: ${qs}`).toBe(200)
      const app = res.json() as { items: { id: string }[]; total: number }
      const ref = JSON.parse(await reference(Object.fromEntries(new URLSearchParams(qs)), ctx.clock.now())) as unknown
      expect(ref, `${m.shape}: ${qs}`).toEqual(app)
      if (app.items.length > 0) withCards++
    }
    // the comparison means something only if most searches find cards on this small set
    expect(withCards).toBeGreaterThan(mix.length * 0.6)
  }, 240_000)
})
