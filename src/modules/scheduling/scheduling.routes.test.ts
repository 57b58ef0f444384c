import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { usingPostgres } from '../../../test/test-database.js'
import { authHeader, createBatch, createChild, createListing, createPartner, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { batches, bookings, partners, planOptions, sessions } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'
import { extendSessionHorizons } from './index.js'

// the clock stands at Monday 2026-01-05 10:00 India time (04:30Z) throughout, unless a test moves it and puts it back
const ctx = await buildTestApp()
const { db } = ctx.database
const NOW = ctx.clock.now()

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

async function call(method: Method, url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function newPartner() {
  const partner = await createPartner(db)
  return { partner, user: { id: partner.user_id, role: 'partner' as const } }
}

/** A draft listing of a new partner (partners schedule drafts too), in India unless told otherwise. */
async function ownListing(timezone = 'Asia/Kolkata', status: 'draft' | 'approved' = 'draft') {
  const owner = await newPartner()
  const listing = await createListing(db, { partner_id: owner.partner.id, status, venue: { timezone } })
  return { ...owner, listing }
}

const WEEKENDS = { name: 'Weekend mornings', weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-01-01', capacity: 10, instructor_name: 'Priya Nair' }

async function batchSessions(batchId: string) {
  return db.select().from(sessions).where(eq(sessions.batch_id, batchId)).orderBy(asc(sessions.starts_at))
}

async function bookingFor(listingId: string, planOptionId: string) {
  const parent = await createUser(db)
  const [row] = await db.insert(bookings).values({ user_id: parent.id, listing_id: listingId, plan_option_id: planOptionId, status: 'confirmed', amount: 99_900 }).returning()
  return row!
}

describe('who may use the partner schedule routes', () => {
  const id = randomUUID()
  const other = randomUUID()
  const routes: [Method, string, object?][] = [
    ['GET', `/api/partners/listings/${id}/plan-options`],
    ['POST', `/api/partners/listings/${id}/plan-options`, { kind: 'single', name: 'One class', price: 50_000 }],
    ['PUT', `/api/partners/listings/${id}/plan-options/${other}`, { price: 1 }],
    ['DELETE', `/api/partners/listings/${id}/plan-options/${other}`],
    ['GET', `/api/partners/listings/${id}/batches`],
    ['POST', `/api/partners/listings/${id}/batches`, WEEKENDS],
    ['PUT', `/api/partners/listings/${id}/batches/${other}`, { capacity: 5 }],
    ['DELETE', `/api/partners/listings/${id}/batches/${other}`],
    ['GET', `/api/partners/listings/${id}/sessions`],
    ['POST', `/api/partners/listings/${id}/sessions`, { starts_at: '2026-02-01T04:30:00Z', duration_minutes: 60, capacity: 5 }],
    ['PUT', `/api/partners/sessions/${other}`, { capacity: 5 }],
    ['DELETE', `/api/partners/sessions/${other}`],
  ]

  it.each(routes)('%s %s: 401 without a token, 403 to a customer and an admin', async (method, url, payload) => {
    const none = await call(method, url, undefined, payload)
    expect(none.statusCode).toBe(401)
    expect(none.json().code).toBe('NOT_AUTHENTICATED')
    expect((await call(method, url, await createUser(db), payload)).statusCode).toBe(403)
    expect((await call(method, url, await createUser(db, { role: 'admin' }), payload)).statusCode).toBe(403)
  })

  it('404 for another partner’s listing, option, batch and session on every route, and nothing changes', async () => {
    const owner = await ownListing()
    const option = await createPlanOption(db, owner.listing.id)
    const batch = await createBatch(db, owner.listing.id)
    const session = await createSession(db, owner.listing.id, new Date(NOW.getTime() + 3 * DAY_MS))
    const intruder = await newPartner()
    const l = owner.listing.id
    const attempts: [Method, string, object?][] = [
      ['GET', `/api/partners/listings/${l}/plan-options`],
      ['POST', `/api/partners/listings/${l}/plan-options`, { kind: 'single', name: 'Mine now', price: 1 }],
      ['PUT', `/api/partners/listings/${l}/plan-options/${option.id}`, { price: 1 }],
      ['DELETE', `/api/partners/listings/${l}/plan-options/${option.id}`],
      ['GET', `/api/partners/listings/${l}/batches`],
      ['POST', `/api/partners/listings/${l}/batches`, WEEKENDS],
      ['PUT', `/api/partners/listings/${l}/batches/${batch.id}`, { capacity: 1 }],
      ['DELETE', `/api/partners/listings/${l}/batches/${batch.id}`],
      ['GET', `/api/partners/listings/${l}/sessions`],
      ['POST', `/api/partners/listings/${l}/sessions`, { starts_at: '2026-02-01T04:30:00Z', duration_minutes: 60, capacity: 5 }],
      ['PUT', `/api/partners/sessions/${session.id}`, { capacity: 1 }],
      ['DELETE', `/api/partners/sessions/${session.id}`],
    ]
    for (const [method, url, payload] of attempts) {
      const res = await call(method, url, intruder.user, payload)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
    }
    // the intruder's own listing does not open the owner's option or batch either
    const mine = await createListing(db, { partner_id: intruder.partner.id, status: 'draft' })
    expect((await call('PUT', `/api/partners/listings/${mine.id}/plan-options/${option.id}`, intruder.user, { price: 1 })).json().code).toBe('PLAN_OPTION_NOT_FOUND')
    expect((await call('DELETE', `/api/partners/listings/${mine.id}/batches/${batch.id}`, intruder.user)).json().code).toBe('BATCH_NOT_FOUND')

    expect(await db.select().from(planOptions).where(eq(planOptions.listing_id, l))).toEqual([option])
    expect(await db.select().from(batches).where(eq(batches.listing_id, l))).toEqual([batch])
    expect(await db.select().from(sessions).where(eq(sessions.listing_id, l))).toEqual([session])
  })

  it('422 for malformed ids, 404 for missing ones and for a partner account without a profile', async () => {
    const { user, listing } = await ownListing()
    expect((await call('GET', '/api/partners/listings/nope/plan-options', user)).statusCode).toBe(422)
    expect((await call('PUT', '/api/partners/sessions/123', user, { capacity: 3 })).statusCode).toBe(422)
    expect((await call('GET', `/api/partners/listings/${randomUUID()}/batches`, user)).json().code).toBe('LISTING_NOT_FOUND')
    expect((await call('PUT', `/api/partners/listings/${listing.id}/batches/${randomUUID()}`, user, { capacity: 3 })).statusCode).toBe(404)
    expect((await call('DELETE', `/api/partners/sessions/${randomUUID()}`, user)).json().code).toBe('SESSION_NOT_FOUND')
    const bare = await createUser(db, { role: 'partner' })
    expect((await call('GET', `/api/partners/listings/${listing.id}/batches`, bare)).statusCode).toBe(404)
  })
})

describe('plan options', () => {
  it('creates each kind with the counts its kind implies, and lists them', async () => {
    const { user, listing } = await ownListing()
    const url = `/api/partners/listings/${listing.id}/plan-options`
    const single = await call('POST', url, user, { kind: 'single', name: 'Drop-in class', price: 60_000, credits_price: 6 })
    expect(single.statusCode).toBe(201)
    expect(single.json()).toEqual({
      id: expect.any(String), listing_id: listing.id, kind: 'single', name: 'Drop-in class', price: 60_000, credits_price: 6,
      sessions_count: 1, validity_days: null, sort_order: 0, active: true,
    })
    const pack = await call('POST', url, user, { kind: 'pack', name: '8 classes', price: 349_900, credits_price: 30, sessions_count: 8, validity_days: 45, sort_order: 1 })
    expect(pack.statusCode).toBe(201)
    expect(pack.json()).toMatchObject({ kind: 'pack', sessions_count: 8, validity_days: 45 })
    expect((await call('POST', url, user, { kind: 'monthly', name: 'Monthly', price: 299_900, sort_order: 2 })).json()).toMatchObject({ sessions_count: 1, validity_days: null, credits_price: null })
    expect((await call('POST', url, user, { kind: 'trial', name: 'Trial', price: 0, sessions_count: 1, sort_order: 3 })).statusCode).toBe(201)
    const list = await call('GET', url, user)
    expect(list.statusCode).toBe(200)
    expect(list.json().total).toBe(4)
    expect(list.json().items.map((o: { kind: string }) => o.kind)).toEqual(['single', 'pack', 'monthly', 'trial'])
  })

  it.each([
    [{ kind: 'pack', name: 'Pack', price: 1, validity_days: 30 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'pack', name: 'Pack', price: 1, sessions_count: 1, validity_days: 30 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'pack', name: 'Pack', price: 1, sessions_count: 4 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'single', name: 'One', price: 1, sessions_count: 2 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'trial', name: 'Try', price: 1, validity_days: 7 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'monthly', name: 'Month', price: 1, validity_days: 30 }, 'INVALID_PLAN_OPTION'],
    [{ kind: 'yearly', name: 'Year', price: 1 }, 'VALIDATION_ERROR'],
    [{ kind: 'single', name: 'One', price: -1 }, 'VALIDATION_ERROR'],
    [{ kind: 'single', name: 'One', price: 10.5 }, 'VALIDATION_ERROR'],
    [{ kind: 'single', name: '   ', price: 1 }, 'VALIDATION_ERROR'],
    [{ kind: 'single', price: 1 }, 'VALIDATION_ERROR'],
  ])('422 for %j', async (body, code) => {
    const { user, listing } = await ownListing()
    const res = await call('POST', `/api/partners/listings/${listing.id}/plan-options`, user, body)
    expect(res.statusCode).toBe(422)
    if (code !== 'VALIDATION_ERROR') expect(res.json().code).toBe(code)
    expect(await db.select().from(planOptions).where(eq(planOptions.listing_id, listing.id))).toEqual([])
  })

  it('allows one active trial per listing: a second is 409, also when another option becomes a trial', async () => {
    const { user, listing } = await ownListing()
    const url = `/api/partners/listings/${listing.id}/plan-options`
    const trial = (await call('POST', url, user, { kind: 'trial', name: 'Trial', price: 0 })).json()
    const second = await call('POST', url, user, { kind: 'trial', name: 'Another trial', price: 100 })
    expect(second.statusCode).toBe(409)
    expect(second.json().code).toBe('TRIAL_OPTION_EXISTS')
    const single = (await call('POST', url, user, { kind: 'single', name: 'One', price: 100 })).json()
    expect((await call('PUT', `${url}/${single.id}`, user, { kind: 'trial' })).json().code).toBe('TRIAL_OPTION_EXISTS')
    // once the first trial is gone, another may be made
    expect((await call('DELETE', `${url}/${trial.id}`, user)).json()).toEqual({ id: trial.id, outcome: 'deleted' })
    expect((await call('PUT', `${url}/${single.id}`, user, { kind: 'trial' })).json()).toMatchObject({ kind: 'trial', sessions_count: 1 })
  })

  it('edits an option, re-checking the result: a pack turned single drops its counts; a single turned pack needs them', async () => {
    const { user, listing } = await ownListing()
    const url = `/api/partners/listings/${listing.id}/plan-options`
    const pack = (await call('POST', url, user, { kind: 'pack', name: '4 classes', price: 200_000, sessions_count: 4, validity_days: 30 })).json()
    expect((await call('PUT', `${url}/${pack.id}`, user, { price: 180_000, name: ' 4 classes, offer ' })).json()).toMatchObject({ price: 180_000, name: '4 classes, offer', sessions_count: 4 })
    expect((await call('PUT', `${url}/${pack.id}`, user, { sessions_count: 1 })).json().code).toBe('INVALID_PLAN_OPTION')
    expect((await call('PUT', `${url}/${pack.id}`, user, { kind: 'single' })).json()).toMatchObject({ kind: 'single', sessions_count: 1, validity_days: null })
    expect((await call('PUT', `${url}/${pack.id}`, user, { kind: 'pack' })).statusCode).toBe(422)
    expect((await call('PUT', `${url}/${pack.id}`, user, {})).statusCode).toBe(422)
  })

  it('an option bookings used is deactivated, not deleted, and its kind cannot change', async () => {
    const { user, listing } = await ownListing()
    const option = await createPlanOption(db, listing.id)
    await bookingFor(listing.id, option.id)
    const url = `/api/partners/listings/${listing.id}/plan-options/${option.id}`
    const change = await call('PUT', url, user, { kind: 'monthly' })
    expect(change.statusCode).toBe(409)
    expect(change.json().code).toBe('PLAN_OPTION_IN_USE')
    expect((await call('PUT', url, user, { price: 120_000 })).json().price).toBe(120_000)
    expect((await call('DELETE', url, user)).json()).toEqual({ id: option.id, outcome: 'deactivated' })
    const [row] = await db.select().from(planOptions).where(eq(planOptions.id, option.id))
    expect(row?.active).toBe(false)
    // and it can come back
    expect((await call('PUT', url, user, { active: true })).json().active).toBe(true)
  })
})

describe('batches and their generated sessions', () => {
  it('creates a batch with its sessions for 8 weeks, at the local time of the listing’s zone', async () => {
    const { user, listing } = await ownListing()
    const res = await call('POST', `/api/partners/listings/${listing.id}/batches`, user, { ...WEEKENDS, weekdays: [7, 6] })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toEqual({ id: expect.any(String), listing_id: listing.id, ...WEEKENDS, end_date: null, active: true, upcoming_sessions: 16 })
    const rows = await batchSessions(body.id)
    expect(rows).toHaveLength(16)
    expect(rows[0]!.starts_at.toISOString()).toBe('2026-01-10T04:30:00.000Z')
    expect(rows.at(-1)!.starts_at.toISOString()).toBe('2026-03-01T04:30:00.000Z')
    expect(rows.every((s) => s.capacity === 10 && s.seats_taken === 0 && s.ends_at.getTime() - s.starts_at.getTime() === HOUR_MS)).toBe(true)
    const list = (await call('GET', `/api/partners/listings/${listing.id}/batches`, user)).json()
    expect(list.items).toEqual([body])
  })

  it('uses the listing’s own time zone (London: 10:00 is 10:00Z in winter)', async () => {
    const { user, listing } = await ownListing('Europe/London')
    const body = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, { ...WEEKENDS, weekdays: [6], end_date: '2026-01-24' })).json()
    expect((await batchSessions(body.id)).map((s) => s.starts_at.toISOString())).toEqual(['2026-01-10T10:00:00.000Z', '2026-01-17T10:00:00.000Z', '2026-01-24T10:00:00.000Z'])
  })

  it.each([
    [{ weekdays: [] }, undefined],
    [{ weekdays: [6, 6] }, undefined],
    [{ weekdays: [0] }, undefined],
    [{ weekdays: [8] }, undefined],
    [{ start_time: '25:00' }, undefined],
    [{ start_time: '9:00' }, undefined],
    [{ duration_minutes: 0 }, undefined],
    [{ capacity: 0 }, undefined],
    [{ start_date: '2026-02-30x' }, undefined],
    [{ end_date: '2025-12-31' }, 'INVALID_BATCH_DATES'],
    [{ start_date: '2026-03-01', end_date: '2026-02-01' }, 'INVALID_BATCH_DATES'],
  ])('422 for %j', async (change, code) => {
    const { user, listing } = await ownListing()
    const res = await call('POST', `/api/partners/listings/${listing.id}/batches`, user, { ...WEEKENDS, ...change })
    expect(res.statusCode).toBe(422)
    if (code) expect(res.json().code).toBe(code)
    expect(await db.select().from(batches).where(eq(batches.listing_id, listing.id))).toEqual([])
  })

  it('an edit regenerates only future sessions nobody booked; booked and past ones stay as they were, and nothing doubles', async () => {
    const { user, listing } = await ownListing()
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const before = await batchSessions(batch.id)
    // a Saturday and a Sunday get bookings; a past session of the batch exists too
    const bookedSat = before.find((s) => s.starts_at.toISOString() === '2026-01-17T04:30:00.000Z')!
    const bookedSun = before.find((s) => s.starts_at.toISOString() === '2026-01-25T04:30:00.000Z')!
    await db.update(sessions).set({ seats_taken: 3 }).where(eq(sessions.id, bookedSat.id))
    await db.update(sessions).set({ seats_taken: 1 }).where(eq(sessions.id, bookedSun.id))
    const past = await createSession(db, listing.id, new Date('2026-01-04T04:30:00Z'), { batch_id: batch.id, seats_taken: 2 })

    const res = await call('PUT', `/api/partners/listings/${listing.id}/batches/${batch.id}`, user, { weekdays: [7], start_time: '11:00', duration_minutes: 90, capacity: 12 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ weekdays: [7], start_time: '11:00', duration_minutes: 90, capacity: 12 })

    const after = await batchSessions(batch.id)
    const byId = new Map(after.map((s) => [s.id, s]))
    // booked sessions: same rows, same times, the new capacity
    expect(byId.get(bookedSat.id)).toEqual({ ...bookedSat, seats_taken: 3, capacity: 12 })
    expect(byId.get(bookedSun.id)).toEqual({ ...bookedSun, seats_taken: 1, capacity: 12 })
    expect(byId.get(past.id)).toEqual(past)
    // everything else is a Sunday 11:00 India time (05:30Z), 90 minutes long
    const regenerated = after.filter((s) => ![bookedSat.id, bookedSun.id, past.id].includes(s.id))
    expect(regenerated).toHaveLength(8)
    for (const s of regenerated) {
      expect(s.starts_at.getUTCDay()).toBe(0)
      expect(s.starts_at.toISOString().slice(11)).toBe('05:30:00.000Z')
      expect(s.ends_at.getTime() - s.starts_at.getTime()).toBe(90 * 60_000)
      expect(s.seats_taken).toBe(0)
    }
    expect(new Set(after.map((s) => s.starts_at.getTime())).size).toBe(after.length)

    // the same edit again changes nothing
    await call('PUT', `/api/partners/listings/${listing.id}/batches/${batch.id}`, user, { weekdays: [7], start_time: '11:00', duration_minutes: 90, capacity: 12 })
    expect(await batchSessions(batch.id)).toEqual(after)
  })

  it('capacity goes down only to the most seats taken in a future session (409 CAPACITY_BELOW_BOOKED)', async () => {
    const { user, listing } = await ownListing()
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const [first, second] = await batchSessions(batch.id)
    await db.update(sessions).set({ seats_taken: 6 }).where(eq(sessions.id, first!.id))
    await db.update(sessions).set({ seats_taken: 4 }).where(eq(sessions.id, second!.id))
    // seats taken in the past do not hold capacity back
    await createSession(db, listing.id, new Date('2026-01-03T04:30:00Z'), { batch_id: batch.id, seats_taken: 9 })
    const url = `/api/partners/listings/${listing.id}/batches/${batch.id}`
    const tooLow = await call('PUT', url, user, { capacity: 5 })
    expect(tooLow.statusCode).toBe(409)
    expect(tooLow.json().code).toBe('CAPACITY_BELOW_BOOKED')
    expect((await batchSessions(batch.id)).filter((s) => s.starts_at > NOW).every((s) => s.capacity === 10)).toBe(true)
    expect((await call('PUT', url, user, { capacity: 6 })).json().capacity).toBe(6)
    expect((await batchSessions(batch.id)).filter((s) => s.starts_at > NOW).every((s) => s.capacity === 6)).toBe(true)
  })

  it('a session’s own capacity survives batch edits that leave capacity alone; a new batch capacity must fit its seats taken', async () => {
    const { user, listing } = await ownListing()
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const [big] = await batchSessions(batch.id)
    expect((await call('PUT', `/api/partners/sessions/${big!.id}`, user, { capacity: 15 })).statusCode).toBe(200)
    await db.update(sessions).set({ seats_taken: 12 }).where(eq(sessions.id, big!.id))
    const url = `/api/partners/listings/${listing.id}/batches/${batch.id}`
    expect((await call('PUT', url, user, { name: 'Weekend batch', instructor_name: null })).json()).toMatchObject({ name: 'Weekend batch', instructor_name: null })
    expect((await db.select().from(sessions).where(eq(sessions.id, big!.id)))[0]?.capacity).toBe(15)
    // raising the batch to 11 would put this session below its 12 seats taken
    expect((await call('PUT', url, user, { capacity: 11 })).json().code).toBe('CAPACITY_BELOW_BOOKED')
    expect((await call('PUT', url, user, { capacity: 12 })).statusCode).toBe(200)
    expect((await batchSessions(batch.id)).every((s) => s.capacity === 12)).toBe(true)
  })

  it('deleting a batch removes its free future sessions; with booked ones it is deactivated and they stay', async () => {
    const { user, listing } = await ownListing('Asia/Kolkata', 'approved')
    const url = `/api/partners/listings/${listing.id}/batches`
    const keep = (await call('POST', url, user, WEEKENDS)).json()
    const [booked] = await batchSessions(keep.id)
    await db.update(sessions).set({ seats_taken: 2 }).where(eq(sessions.id, booked!.id))
    const res = await call('DELETE', `${url}/${keep.id}`, user)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: keep.id, outcome: 'deactivated', sessions_removed: 15, sessions_kept: 1 })
    expect(await batchSessions(keep.id)).toEqual([{ ...booked!, seats_taken: 2 }])
    expect((await call('PUT', `${url}/${keep.id}`, user, { capacity: 3 })).json().code).toBe('BATCH_INACTIVE')
    expect((await call('GET', `/api/listings/${listing.id}/batches`)).json().items).toEqual([])
    // a deactivated batch makes no new sessions
    await extendSessionHorizons(db, ctx.clock)
    expect(await batchSessions(keep.id)).toHaveLength(1)

    const gone = (await call('POST', url, user, WEEKENDS)).json()
    expect((await call('DELETE', `${url}/${gone.id}`, user)).json()).toEqual({ id: gone.id, outcome: 'deleted', sessions_removed: 16, sessions_kept: 0 })
    expect(await db.select().from(batches).where(eq(batches.id, gone.id))).toEqual([])
  })

  it('extendSessionHorizons rolls every active batch on to now + 8 weeks and is idempotent', async () => {
    const { user, listing } = await ownListing()
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const archived = await createListing(db, { partner_id: (await newPartner()).partner.id, status: 'archived' })
    const dormant = await createBatch(db, archived.id)
    try {
      await extendSessionHorizons(db, ctx.clock)
      expect(await extendSessionHorizons(db, ctx.clock)).toBe(0)
      expect(await batchSessions(batch.id)).toHaveLength(16)
      ctx.clock.advance(7 * DAY_MS)
      await extendSessionHorizons(db, ctx.clock)
      const rows = await batchSessions(batch.id)
      expect(rows).toHaveLength(18)
      expect(rows.at(-1)!.starts_at.toISOString()).toBe('2026-03-08T04:30:00.000Z')
      expect(await extendSessionHorizons(db, ctx.clock)).toBe(0)
      expect(await batchSessions(batch.id)).toEqual(rows)
      expect(await batchSessions(dormant.id)).toEqual([])
    } finally {
      ctx.clock.set(NOW)
    }
  })
})

describe('one-off sessions', () => {
  it('adds a session from a duration or an end, in the future only', async () => {
    const { user, listing } = await ownListing()
    const url = `/api/partners/listings/${listing.id}/sessions`
    const res = await call('POST', url, user, { starts_at: '2026-02-01T04:30:00Z', duration_minutes: 180, capacity: 20 })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({
      id: expect.any(String), listing_id: listing.id, batch_id: null, starts_at: '2026-02-01T04:30:00.000Z', ends_at: '2026-02-01T07:30:00.000Z',
      capacity: 20, seats_taken: 0, seats_left: 20, status: 'scheduled',
    })
    expect((await call('POST', url, user, { starts_at: '2026-02-02T04:30:00Z', ends_at: '2026-02-02T06:00:00Z', capacity: 5 })).statusCode).toBe(201)
    const list = (await call('GET', `${url}?from=2026-02-02T00:00:00Z`, user)).json()
    expect(list.items.map((s: { starts_at: string }) => s.starts_at)).toEqual(['2026-02-02T04:30:00.000Z'])
  })

  it.each([
    [{ starts_at: '2026-01-05T04:00:00Z', duration_minutes: 60, capacity: 5 }, 'INVALID_SESSION_TIME'],
    [{ starts_at: '2026-02-01T04:30:00Z', ends_at: '2026-02-01T04:30:00Z', capacity: 5 }, 'INVALID_SESSION_TIME'],
    [{ starts_at: '2026-02-01T04:30:00Z', ends_at: '2026-02-01T06:30:00Z', duration_minutes: 60, capacity: 5 }, 'INVALID_SESSION_TIME'],
    [{ starts_at: '2026-02-01T04:30:00Z', capacity: 5 }, 'INVALID_SESSION_TIME'],
    [{ starts_at: 'soon', duration_minutes: 60, capacity: 5 }, undefined],
    [{ starts_at: '2026-02-01T04:30:00Z', duration_minutes: 60, capacity: 0 }, undefined],
  ])('422 for %j', async (body, code) => {
    const { user, listing } = await ownListing()
    const res = await call('POST', `/api/partners/listings/${listing.id}/sessions`, user, body)
    expect(res.statusCode).toBe(422)
    if (code) expect(res.json().code).toBe(code)
  })

  it('moves a free one-off session and changes capacity down to the seats taken only', async () => {
    const { user, listing } = await ownListing()
    const session = await createSession(db, listing.id, new Date('2026-02-01T04:30:00Z'), { capacity: 10 })
    const url = `/api/partners/sessions/${session.id}`
    expect((await call('PUT', url, user, { starts_at: '2026-02-01T05:30:00Z' })).json()).toMatchObject({ starts_at: '2026-02-01T05:30:00.000Z', ends_at: '2026-02-01T06:30:00.000Z' })
    expect((await call('PUT', url, user, { starts_at: '2026-01-01T05:30:00Z' })).json().code).toBe('INVALID_SESSION_TIME')
    await db.update(sessions).set({ seats_taken: 4 }).where(eq(sessions.id, session.id))
    const low = await call('PUT', url, user, { capacity: 3 })
    expect(low.statusCode).toBe(409)
    expect(low.json().code).toBe('CAPACITY_BELOW_BOOKED')
    expect((await call('PUT', url, user, { capacity: 4 })).json()).toMatchObject({ capacity: 4, seats_left: 0 })
    expect((await call('PUT', url, user, { duration_minutes: 30 })).json().code).toBe('SESSION_HAS_BOOKINGS')
  })

  it('a batch’s session keeps its time; a past one cannot change', async () => {
    const { user, listing } = await ownListing()
    const batch = await createBatch(db, listing.id)
    const generated = await createSession(db, listing.id, new Date('2026-01-10T04:30:00Z'), { batch_id: batch.id })
    expect((await call('PUT', `/api/partners/sessions/${generated.id}`, user, { starts_at: '2026-01-10T05:30:00Z' })).json().code).toBe('BATCH_SESSION_TIME_FIXED')
    expect((await call('PUT', `/api/partners/sessions/${generated.id}`, user, { capacity: 15 })).json().capacity).toBe(15)
    const past = await createSession(db, listing.id, new Date('2026-01-01T04:30:00Z'))
    expect((await call('PUT', `/api/partners/sessions/${past.id}`, user, { capacity: 15 })).json().code).toBe('SESSION_IN_PAST')
    expect((await call('DELETE', `/api/partners/sessions/${past.id}`, user)).json().code).toBe('SESSION_IN_PAST')
  })

  it('delete: a free one-off session is deleted; a booked one or a batch’s one is cancelled, and the batch does not bring it back', async () => {
    const { user, listing } = await ownListing()
    const free = await createSession(db, listing.id, new Date('2026-02-01T04:30:00Z'))
    expect((await call('DELETE', `/api/partners/sessions/${free.id}`, user)).json()).toEqual({ id: free.id, outcome: 'deleted' })
    expect(await db.select().from(sessions).where(eq(sessions.id, free.id))).toEqual([])

    const booked = await createSession(db, listing.id, new Date('2026-02-02T04:30:00Z'), { seats_taken: 2 })
    expect((await call('DELETE', `/api/partners/sessions/${booked.id}`, user)).json()).toEqual({ id: booked.id, outcome: 'cancelled' })
    expect((await db.select().from(sessions).where(eq(sessions.id, booked.id)))[0]?.status).toBe('cancelled')
    expect((await call('DELETE', `/api/partners/sessions/${booked.id}`, user)).json()).toEqual({ id: booked.id, outcome: 'cancelled' })
    expect((await call('PUT', `/api/partners/sessions/${booked.id}`, user, { capacity: 5 })).json().code).toBe('SESSION_CANCELLED')

    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const [first] = await batchSessions(batch.id)
    expect((await call('DELETE', `/api/partners/sessions/${first!.id}`, user)).json().outcome).toBe('cancelled')
    await extendSessionHorizons(db, ctx.clock)
    const rows = await batchSessions(batch.id)
    expect(rows).toHaveLength(16)
    expect(rows.filter((s) => s.starts_at.getTime() === first!.starts_at.getTime()).map((s) => s.status)).toEqual(['cancelled'])
  })

  it('cancelling a session a family booked cancels their booking with a full refund', async () => {
    const { user, listing } = await ownListing('Asia/Kolkata', 'approved')
    const option = await createPlanOption(db, listing.id, { price: 80_000 })
    const session = await createSession(db, listing.id, new Date('2026-02-01T04:30:00Z'), { capacity: 5 })
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const booked = await ctx.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: listing.id, plan_option_id: option.id, session_id: session.id, child_ids: [child.id] },
    })
    expect(booked.statusCode).toBe(201)
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0]?.seats_taken).toBe(1)
    expect((await call('DELETE', `/api/partners/sessions/${session.id}`, user)).json().outcome).toBe('cancelled')
    const [booking] = await db.select().from(bookings).where(and(eq(bookings.listing_id, listing.id), eq(bookings.user_id, parent.id)))
    expect(booking).toMatchObject({ status: 'cancelled', cancelled_by: 'partner', refund_amount: 80_000 })
    expect((await db.select().from(sessions).where(eq(sessions.id, session.id)))[0]).toMatchObject({ status: 'cancelled', seats_taken: 0 })
  })
})

describe('public plan options and batches', () => {
  it('show the active ones of an approved listing, each batch with its next session and seats left', async () => {
    const { user, listing } = await ownListing('Asia/Kolkata', 'approved')
    await createPlanOption(db, listing.id, { name: 'Drop-in', price: 60_000, sort_order: 0 })
    await createPlanOption(db, listing.id, { name: 'Old offer', active: false })
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    const [first] = await batchSessions(batch.id)
    await db.update(sessions).set({ seats_taken: 7 }).where(eq(sessions.id, first!.id))

    const options = await call('GET', `/api/listings/${listing.id}/plan-options`)
    expect(options.statusCode).toBe(200)
    expect(options.json()).toEqual({
      items: [{ id: expect.any(String), kind: 'single', name: 'Drop-in', price: 60_000, credits_price: 10, sessions_count: 1, validity_days: null }],
      total: 1, page: 1, page_size: 20,
    })
    const list = await call('GET', `/api/listings/${listing.id}/batches`)
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([
      {
        id: batch.id, name: WEEKENDS.name, weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-01-01', end_date: null,
        capacity: 10, instructor_name: 'Priya Nair', timezone: 'Asia/Kolkata',
        next_session: { id: first!.id, starts_at: '2026-01-10T04:30:00.000Z', ends_at: '2026-01-10T05:30:00.000Z', seats_left: 3 },
      },
    ])
  })

  it('answer 404 for a listing that is not approved, or whose partner is suspended, or that does not exist', async () => {
    for (const status of ['draft', 'pending_approval', 'rejected', 'archived'] as const) {
      const listing = await createListing(db, { status })
      await createPlanOption(db, listing.id)
      await createBatch(db, listing.id)
      expect((await call('GET', `/api/listings/${listing.id}/plan-options`)).statusCode).toBe(404)
      expect((await call('GET', `/api/listings/${listing.id}/batches`)).statusCode).toBe(404)
    }
    const suspended = await createPartner(db)
    const listing = await createListing(db, { partner_id: suspended.id })
    await db.update(partners).set({ status: 'suspended' }).where(eq(partners.id, suspended.id))
    expect((await call('GET', `/api/listings/${listing.id}/batches`)).json().code).toBe('LISTING_NOT_FOUND')
    expect((await call('GET', `/api/listings/${randomUUID()}/plan-options`)).statusCode).toBe(404)
    expect((await call('GET', '/api/listings/not-a-uuid/plan-options')).statusCode).toBe(422)
  })
})

describe.runIf(usingPostgres())('under concurrency (PostgreSQL)', () => {
  it('eight trial options sent at once: exactly one is made', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const { user, listing } = await ownListing()
    const headers = { ...(await authHeader(user, ctx.clock)), 'content-type': 'application/json' }
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${base}/api/partners/listings/${listing.id}/plan-options`, { method: 'POST', headers, body: JSON.stringify({ kind: 'trial', name: `Trial ${i}`, price: 0 }) }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((st) => st === 201)).toHaveLength(1)
    expect(statuses.filter((st) => st === 409)).toHaveLength(7)
    expect(await db.select().from(planOptions).where(eq(planOptions.listing_id, listing.id))).toHaveLength(1)
  })

  it('horizon runs in parallel with each other never double a slot', async () => {
    const { user, listing } = await ownListing()
    const batch = (await call('POST', `/api/partners/listings/${listing.id}/batches`, user, WEEKENDS)).json()
    try {
      ctx.clock.advance(14 * DAY_MS)
      await Promise.all(Array.from({ length: 5 }, () => extendSessionHorizons(db, ctx.clock)))
      const rows = await batchSessions(batch.id)
      expect(rows).toHaveLength(20)
      expect(new Set(rows.map((r) => r.starts_at.getTime())).size).toBe(20)
    } finally {
      ctx.clock.set(NOW)
    }
  })
})
