import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { bookings } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/clock.js'

const ctx = await buildTestApp()
const db = ctx.database.db
const tag = () => `h${randomUUID().slice(0, 8)}`

// Friday 2026-01-09 23:30 in India (UTC+5:30)
const FRIDAY_2330_IST = new Date('2026-01-09T18:00:00.000Z')
const ist = (local: string) => new Date(`${local}+05:30`)

async function feed(url: string): Promise<string[]> {
  const res = await ctx.app.inject({ method: 'GET', url })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { items: { id: string }[] }).items.map((i) => i.id)
}

async function bookingsFor(listingId: string, status: (typeof bookings.$inferInsert)['status'], createdAt: Date, count = 1) {
  const user = await createUser(db)
  for (let i = 0; i < count; i++) await db.insert(bookings).values({ user_id: user.id, listing_id: listingId, status, created_at: createdAt })
}

describe('GET /api/home/weekend-camps', async () => {
  const city = tag()
  const camp = (overrides: Parameters<typeof createListing>[1] = {}) => createListing(db, { type: 'camp', venue: { city }, ...overrides })
  const london = { city, timezone: 'Europe/London', lat: 51.5, lng: -0.12 }
  const saturday = await camp({ rating_avg: '4.90' })
  await createSession(db, saturday.id, ist('2026-01-10T10:00:00'))
  const fridayNight = await camp()
  await createSession(db, fridayNight.id, ist('2026-01-09T23:45:00'))
  const saturdayJustPast = await camp()
  await createSession(db, saturdayJustPast.id, ist('2026-01-10T00:15:00'))
  const sundayNight = await camp({ rating_avg: '4.00' })
  await createSession(db, sundayNight.id, ist('2026-01-11T23:00:00'))
  // Monday 00:10 in India is still Sunday in UTC: not a weekend session where the camp is
  const mondayEarly = await camp()
  await createSession(db, mondayEarly.id, ist('2026-01-12T00:10:00'))
  const nextWeekend = await camp({ rating_avg: '3.00' })
  await createSession(db, nextWeekend.id, ist('2026-01-17T10:00:00'))
  const cancelled = await camp()
  await createSession(db, cancelled.id, ist('2026-01-10T11:00:00'), { status: 'cancelled' })
  const notACamp = await createListing(db, { type: 'class', venue: { city } })
  await createSession(db, notACamp.id, ist('2026-01-10T11:00:00'))
  // in London: Saturday 23:30 there is Sunday 05:00 in India; Friday 23:30 there is Saturday 05:00 in India
  const londonSaturday = await camp({ venue: london, rating_avg: '2.00' })
  await createSession(db, londonSaturday.id, new Date('2026-01-10T23:30:00.000Z'))
  const londonFriday = await camp({ venue: london })
  await createSession(db, londonFriday.id, new Date('2026-01-09T23:30:00.000Z'))

  const url = `/api/home/weekend-camps?city=${city}&limit=50`

  it('on Friday 23:30 IST: the coming Saturday and Sunday in each camp’s timezone, best rated first', async () => {
    ctx.clock.set(FRIDAY_2330_IST)
    expect(await feed(url)).toEqual([saturday.id, sundayNight.id, londonSaturday.id, saturdayJustPast.id])
  })

  it('on Saturday 00:30 IST: this weekend, without the sessions already started', async () => {
    ctx.clock.set(ist('2026-01-10T00:30:00'))
    expect(await feed(url)).toEqual([saturday.id, sundayNight.id, londonSaturday.id])
  })

  it('on Sunday evening: what is left of this weekend', async () => {
    // 14:30 UTC: London's Saturday-night session is over, the Sunday-night one in India is still ahead
    ctx.clock.set(ist('2026-01-11T20:00:00'))
    expect(await feed(url)).toEqual([sundayNight.id])
  })

  it('on Monday 00:30 IST: the next weekend', async () => {
    ctx.clock.set(ist('2026-01-12T00:30:00'))
    expect(await feed(url)).toEqual([nextWeekend.id])
  })
})

describe('GET /api/home/starting-soon', () => {
  it('lists sessions with seats left in the next 72 hours, soonest first, one row per session', async () => {
    ctx.clock.set(FRIDAY_2330_IST)
    const city = tag()
    const a = await createListing(db, { venue: { city } })
    const b = await createListing(db, { venue: { city } })
    const now = FRIDAY_2330_IST.getTime()
    const inAnHour = await createSession(db, a.id, new Date(now + HOUR_MS), { capacity: 6, seats_taken: 2 })
    const in71h = await createSession(db, a.id, new Date(now + 71 * HOUR_MS))
    await createSession(db, a.id, new Date(now + 73 * HOUR_MS))
    await createSession(db, a.id, new Date(now - MINUTE_MS))
    await createSession(db, a.id, new Date(now + 2 * HOUR_MS), { capacity: 4, seats_taken: 4 })
    await createSession(db, a.id, new Date(now + 3 * HOUR_MS), { status: 'cancelled' })
    const inHalfAnHour = await createSession(db, b.id, new Date(now + 30 * MINUTE_MS))

    const res = await ctx.app.inject({ method: 'GET', url: `/api/home/starting-soon?city=${city}` })
    const items = res.json().items as { id: string; next_session_at: string; session: { id: string; seats_left: number; starts_at: string } }[]
    expect(items.map((i) => [i.id, i.session.id])).toEqual([
      [b.id, inHalfAnHour.id],
      [a.id, inAnHour.id],
      [a.id, in71h.id],
    ])
    expect(items[1]!.session).toEqual({ id: inAnHour.id, starts_at: inAnHour.starts_at.toISOString(), ends_at: inAnHour.ends_at.toISOString(), capacity: 6, seats_left: 4 })
    expect(items[1]!.next_session_at).toBe(inAnHour.starts_at.toISOString())
    expect(await feed(`/api/home/starting-soon?city=${city}&limit=2`)).toEqual([b.id, a.id])
  })
})

describe('GET /api/home/trending', () => {
  it('ranks by confirmed and completed bookings of the last 30 days, then rating, then newest', async () => {
    const now = new Date('2026-02-01T06:00:00.000Z')
    ctx.clock.set(now)
    const city = tag()
    const made = (rating: string, ageDays: number) => createListing(db, { venue: { city }, rating_avg: rating, created_at: new Date(now.getTime() - ageDays * DAY_MS) })
    const three = await made('1.00', 9)
    const two = await made('1.00', 9)
    const stale = await made('4.00', 9)
    const best = await made('4.90', 9)
    const older = await made('4.00', 5)
    const newer = await made('4.00', 2)
    await bookingsFor(three.id, 'confirmed', new Date(now.getTime() - 2 * DAY_MS), 3)
    await bookingsFor(two.id, 'completed', new Date(now.getTime() - 29 * DAY_MS), 2)
    await bookingsFor(two.id, 'cancelled', new Date(now.getTime() - DAY_MS), 5)
    await bookingsFor(two.id, 'pending_payment', new Date(now.getTime() - DAY_MS), 5)
    await bookingsFor(stale.id, 'confirmed', new Date(now.getTime() - 31 * DAY_MS), 9)

    expect(await feed(`/api/home/trending?city=${city}`)).toEqual([three.id, two.id, best.id, newer.id, older.id, stale.id])
    expect(await feed(`/api/home/trending?city=${city}&limit=3`)).toEqual([three.id, two.id, best.id])
  })
})

describe('GET /api/home/trials and /api/home/for-age/{age}', () => {
  it('lists listings with a trial flag or an active trial plan, best rated first, in the city or its alias', async () => {
    const city = tag()
    const flagged = await createListing(db, { venue: { city }, trial_available: true, rating_avg: '3.00' })
    const planned = await createListing(db, { venue: { city }, rating_avg: '4.00' })
    await createPlanOption(db, planned.id, { kind: 'trial', name: 'Trial', price: 10_000 })
    const retired = await createListing(db, { venue: { city } })
    await createPlanOption(db, retired.id, { kind: 'trial', name: 'Trial', price: 10_000, active: false })
    await createListing(db, { venue: { city } })
    expect(await feed(`/api/home/trials?city=${city}`)).toEqual([planned.id, flagged.id])

    const gurugram = await createListing(db, { venue: { city: 'Gurugram' }, trial_available: true, rating_avg: '5.00', title: tag() })
    expect(await feed('/api/home/trials?city=gurgaon&limit=50')).toContain(gurugram.id)
  })

  it('lists listings whose age range holds the age', async () => {
    const city = tag()
    const small = await createListing(db, { venue: { city }, age_min: 3, age_max: 5 })
    const wide = await createListing(db, { venue: { city }, age_min: 0, age_max: 18, rating_avg: '4.00' })
    expect(await feed(`/api/home/for-age/5?city=${city}`)).toEqual([wide.id, small.id])
    expect(await feed(`/api/home/for-age/6?city=${city}`)).toEqual([wide.id])
    expect(await feed(`/api/home/for-age/0?city=${city}`)).toEqual([wide.id])
  })

  it.each(['/api/home/for-age/19', '/api/home/for-age/-1', '/api/home/for-age/five', '/api/home/trials?limit=0', '/api/home/trending?limit=51', '/api/home/weekend-camps?limit=x', '/api/home/starting-soon?city='])(
    'answers 422 for %s',
    async (url) => {
      const res = await ctx.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR', detail: [{ loc: expect.any(Array) }] })
    },
  )
})
