// The recurring jobs buildApp registers, run the way pg-boss's cron would start them.
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { EXTEND_HORIZONS_JOB } from '../src/app.js'
import { sessions } from '../src/db/schema/index.js'
import { DAY_MS } from '../src/shared/clock.js'
import { buildTestApp } from './build-test-app.js'
import { createBatch, createListing } from './factories.js'

const ctx = await buildTestApp()

describe('nightly session horizon', () => {
  it('keeps eight weeks of sessions ahead of every active batch, and rolls on as days pass', async () => {
    const db = ctx.database.db
    const listing = await createListing(db)
    const batch = await createBatch(db, listing.id, { weekdays: [6, 7], start_date: '2026-01-01' })
    const countFor = async () => (await db.select({ n: count() }).from(sessions).where(eq(sessions.batch_id, batch.id)))[0]!.n

    await ctx.jobs.send(EXTEND_HORIZONS_JOB, {})
    expect(await ctx.jobs.drain(EXTEND_HORIZONS_JOB)).toBe(1)
    const first = await countFor()
    expect(first).toBeGreaterThanOrEqual(15) // two days a week for eight weeks
    expect(first).toBeLessThanOrEqual(17)

    ctx.clock.advance(7 * DAY_MS)
    await ctx.jobs.send(EXTEND_HORIZONS_JOB, {})
    await ctx.jobs.drain(EXTEND_HORIZONS_JOB)
    expect(await countFor()).toBe(first + 2)
  })
})
