// GET /api/search sends its statements named by their text (queryPreparedRow): each text is prepared once per connection
// and kept there, so the texts must depend on a search's shape (the filters present, the sort, q's number of words),
// never on its values. The bench's mix of 244 searches in 16 shapes is run on a small copy of its data set.
import { describe, expect, it } from 'vitest'
import { explainSearches, searchCases } from '../bench/explain.js'
import { searchMix, toQueryString } from '../bench/search-mix.js'
import { seedLargeData } from '../bench/seed-large.js'
import { PREPARED_TEXTS_MAX, preparedStatementTexts } from '../src/db/query.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { buildTestApp } from './build-test-app.js'

const ctx = await buildTestApp()
ctx.clock.set(new Date('2026-03-06T06:30:00.000Z'))
await seedLargeData(ctx.database.db, { users: 100, partners: 10, venues: 20, listings: 120, sessionsPerListing: 4, bookings: 20 }, ctx.clock)
const mix = searchMix((n) => addDays(localDate(ctx.clock.now(), 'Asia/Kolkata'), n))

describe('GET /api/search statements', () => {
  it('sends a few texts per shape of search, whatever the values', async () => {
    const before = new Set(preparedStatementTexts())
    const byShape = new Map<string, Set<string>>()
    for (const m of mix) {
      const known = new Set(preparedStatementTexts())
      const res = await ctx.app.inject({ method: 'GET', url: `/api/search?${toQueryString(m.params)}` })
      expect(res.statusCode).toBe(200)
      const texts = byShape.get(m.shape) ?? new Set<string>()
      for (const text of preparedStatementTexts()) if (!known.has(text)) texts.add(text)
      byShape.set(m.shape, texts)
    }
    const added = preparedStatementTexts().filter((t) => !before.has(t))
    // 244 searches send 27 texts today; q's words give up to three word counts (the vocabulary read, the search)
    for (const [shape, texts] of byShape) expect(texts.size, shape).toBeLessThanOrEqual(shape.startsWith('q ') ? 6 : 2)
    expect(added.length).toBeLessThanOrEqual(40)
    expect(added.length).toBeLessThan(PREPARED_TEXTS_MAX)
    // the same mix again: every text is known by now
    for (const m of mix.slice(0, 60)) await ctx.app.inject({ method: 'GET', url: `/api/search?${toQueryString(m.params)}` })
    expect(preparedStatementTexts().length).toBe(before.size + added.length)
  }, 120_000)

  it('are what the bench EXPLAINs: its recording executor sees the named statements too', async () => {
    const results = await explainSearches(ctx.database.db, ctx.clock.now(), searchCases(mix))
    const shapes = new Set(mix.map((m) => m.shape))
    // one row per shape plus the trending feed; a search with q is its two statements
    expect(results.length).toBe(shapes.size + 1)
    for (const r of results) expect(r.plan.length, r.name).toBeGreaterThan(0)
    expect(results.find((r) => r.name.startsWith('q (typo)+'))?.statements).toBe(2)
    expect(results.filter((r) => r.rows > 0).length).toBeGreaterThan(shapes.size / 2)
  }, 60_000)
})
