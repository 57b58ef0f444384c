// The recurring jobs buildApp registers, run the way pg-boss's cron would start them.
import { asc, count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { creditLedger, sessions, wallets } from '../src/db/schema/index.js'
import { EXPIRE_CREDITS_JOB } from '../src/modules/credits/index.js'
import { EXTEND_HORIZONS_JOB } from '../src/modules/scheduling/index.js'
import { DAY_MS } from '../src/shared/clock.js'
import { buildTestApp } from './build-test-app.js'
import { createBatch, createListing, createUser, giveCredits } from './factories.js'

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

describe('credit expiry', () => {
  it('writes one expire entry per lot past its date, in every wallet, and nothing more when run again', async () => {
    const db = ctx.database.db
    const now = ctx.clock.now()
    const [ann, bob] = [await createUser(db), await createUser(db)]
    await giveCredits(db, ann.id, 4, new Date(now.getTime() + DAY_MS), { now })
    await giveCredits(db, ann.id, 6, new Date(now.getTime() + 20 * DAY_MS), { now })
    await giveCredits(db, bob.id, 3, new Date(now.getTime() + 2 * DAY_MS), { now })
    ctx.clock.advance(3 * DAY_MS)
    for (let run = 0; run < 2; run++) {
      await ctx.jobs.send(EXPIRE_CREDITS_JOB, {})
      await ctx.jobs.drain(EXPIRE_CREDITS_JOB)
    }
    const expiries = await db.select().from(creditLedger).where(eq(creditLedger.entry_type, 'expire')).orderBy(asc(creditLedger.seq))
    expect(expiries.map((e) => [e.user_id, e.delta])).toEqual(expect.arrayContaining([[ann.id, -4], [bob.id, -3]]))
    expect(expiries.filter((e) => e.user_id === ann.id || e.user_id === bob.id)).toHaveLength(2)
    const balance = async (id: string) => (await db.select().from(wallets).where(eq(wallets.user_id, id)))[0]!.balance
    expect([await balance(ann.id), await balance(bob.id)]).toEqual([6, 0])
    const annEntries = await db.select().from(creditLedger).where(eq(creditLedger.user_id, ann.id))
    expect(annEntries.reduce((sum, e) => sum + e.delta, 0)).toBe(6)
  })
})
