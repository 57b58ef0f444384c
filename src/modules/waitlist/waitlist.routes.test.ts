// The waitlist over HTTP: joining and leaving the line of a full session, offers of freed seats, lapse, accept and decline.
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { queryRow } from '../../db/query.js'
import { sessions } from '../../db/schema/index.js'
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'
import { EXPIRE_OFFER_JOB, OFFER_JOB, SWEEP_WAITLISTS_JOB } from './index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, user?: Caller, payload?: object, headers: Record<string, string> = {}) {
  const auth = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload ? { payload } : {}) })
}

async function family(kids = 1) {
  const user = await createUser(db)
  const children = await Promise.all(Array.from({ length: kids }, () => createChild(db, user.id)))
  return { user, child_ids: children.map((c) => c.id) }
}
type Family = Awaited<ReturnType<typeof family>>

/** A session of `capacity` seats, each booked (mock payments: confirmed) by its own family. */
async function fullSession(capacity = 2) {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id)
  const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity })
  const booked: Array<Family & { booking_id: string }> = []
  for (let i = 0; i < capacity; i++) {
    const f = await family()
    const res = await call('POST', '/api/bookings', f.user, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: f.child_ids }, { 'idempotency-key': randomUUID() })
    expect(res.statusCode, res.body).toBe(201)
    booked.push({ ...f, booking_id: res.json().booking.id })
  }
  return { listing, plan, session, booked }
}

const join = (f: Family, sessionId: string) => call('POST', `/api/sessions/${sessionId}/waitlist`, f.user, { child_ids: f.child_ids })
const myWaitlist = async (f: Family) => {
  const res = await call('GET', '/api/waitlist/my', f.user)
  expect(res.statusCode).toBe(200)
  return res.json() as { total: number; items: Array<{ id: string; status: string; position: number | null; offer: { id: string; seats: number; expires_at: string } | null }> }
}
const seatsTaken = async (id: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, id)))[0]!.n
const cancel = async (f: Caller, bookingId: string) => {
  const res = await call('POST', `/api/bookings/${bookingId}/cancel`, f, { reason: 'Plans changed' })
  expect(res.statusCode, res.body).toBe(200)
}
/** Seats held by live bookings and live offers: together they are exactly seats_taken. */
async function heldSeats(sessionId: string) {
  const row = await queryRow<{ bookings: number; offers: number }>(
    db,
    sql`select (select coalesce(sum(bs.seats), 0)::int from booking_sessions bs where bs.session_id = ${sessionId}::uuid and bs.status <> 'released') as bookings,
               (select coalesce(sum(o.seats), 0)::int from waitlist_offers o where o.session_id = ${sessionId}::uuid and o.status = 'active') as offers`,
  )
  return row!
}

describe('who may use the waitlist routes', () => {
  const id = randomUUID()
  const routes: ['GET' | 'POST' | 'DELETE', string, object?][] = [
    ['POST', `/api/sessions/${id}/waitlist`, { child_ids: [id] }],
    ['DELETE', `/api/sessions/${id}/waitlist`],
    ['GET', '/api/waitlist/my'],
    ['POST', `/api/waitlist/${id}/accept`, { plan_option_id: id }],
    ['POST', `/api/waitlist/${id}/decline`],
  ]
  it.each(routes)('%s %s: 401 without a token, 403 to a partner', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db, { role: 'partner' }), payload)).statusCode).toBe(403)
  })

  it('422 for malformed ids and bodies', async () => {
    const f = await family()
    expect((await call('POST', '/api/sessions/not-a-uuid/waitlist', f.user, { child_ids: f.child_ids })).statusCode).toBe(422)
    expect((await call('POST', `/api/sessions/${id}/waitlist`, f.user, { child_ids: [] })).statusCode).toBe(422)
    expect((await call('POST', `/api/sessions/${id}/waitlist`, f.user, { child_ids: ['x'] })).statusCode).toBe(422)
    expect((await call('POST', `/api/waitlist/${id}/accept`, f.user, {})).statusCode).toBe(422)
    expect((await call('POST', '/api/waitlist/nope/decline', f.user)).statusCode).toBe(422)
  })
})

describe('joining and leaving', () => {
  it('joins a full session in line order, once per family; lists the places; leaves', async () => {
    const { session } = await fullSession()
    const first = await family()
    const second = await family(2)
    const res = await join(first, session.id)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ session_id: session.id, status: 'waiting', seats: 1, position: 1, offer: null, booking_id: null })
    expect((await join(second, session.id)).json()).toMatchObject({ seats: 2, position: 2 })
    const again = await join(first, session.id)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('ALREADY_WAITLISTED')

    expect(await myWaitlist(second)).toMatchObject({ total: 1, items: [{ status: 'waiting', position: 2 }] })
    expect((await call('DELETE', `/api/sessions/${session.id}/waitlist`, first.user)).statusCode).toBe(204)
    expect((await call('DELETE', `/api/sessions/${session.id}/waitlist`, first.user)).statusCode).toBe(404)
    expect((await myWaitlist(first)).total).toBe(0)
    expect((await myWaitlist(second)).items[0]!.position).toBe(1)
    // having left, the family may line up again (at the end)
    expect((await join(first, session.id)).json()).toMatchObject({ position: 2 })
  })

  it('409 SESSION_HAS_SEATS when the children fit; 404 for a missing session, a hidden listing or another family’s child', async () => {
    const listing = await createListing(db)
    const open = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 3 })
    const f = await family()
    const res = await join(f, open.id)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('SESSION_HAS_SEATS')
    // two free seats are not enough for three children: they may wait
    await db.update(sessions).set({ seats_taken: 1 }).where(eq(sessions.id, open.id))
    expect((await join(await family(3), open.id)).statusCode).toBe(201)

    expect((await join(f, randomUUID())).statusCode).toBe(404)
    const hidden = await createListing(db, { status: 'draft' })
    const hiddenSession = await createSession(db, hidden.id, at(3 * DAY_MS), { capacity: 1, seats_taken: 1 })
    expect((await join(f, hiddenSession.id)).statusCode).toBe(404)
    const { session } = await fullSession(1)
    const stranger = await family()
    const foreign = await call('POST', `/api/sessions/${session.id}/waitlist`, f.user, { child_ids: stranger.child_ids })
    expect(foreign.statusCode).toBe(404)
  })

  it('409 SESSION_NOT_BOOKABLE for a cancelled or past session', async () => {
    const listing = await createListing(db)
    const cancelled = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 1, seats_taken: 1, status: 'cancelled' })
    const past = await createSession(db, listing.id, at(-DAY_MS), { capacity: 1, seats_taken: 1 })
    const f = await family()
    for (const s of [cancelled, past]) {
      const res = await join(f, s.id)
      expect(res.statusCode).toBe(409)
      expect(res.json().code).toBe('SESSION_NOT_BOOKABLE')
    }
  })
})

describe('offers of freed seats', () => {
  it('a cancellation offers the seat to the first in line: held (seats_taken unchanged), notified, bookable by nobody else', async () => {
    const { listing, plan, session, booked } = await fullSession()
    const first = await family()
    const second = await family()
    await join(first, session.id)
    await join(second, session.id)
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    expect(await ctx.jobs.drain(OFFER_JOB)).toBeGreaterThanOrEqual(1)

    expect(await seatsTaken(session.id)).toBe(2)
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })
    const mine = await myWaitlist(first)
    expect(mine.items[0]).toMatchObject({ status: 'offered', position: 1, offer: { seats: 1, expires_at: at(120 * MINUTE_MS).toISOString() } })
    expect((await myWaitlist(second)).items[0]).toMatchObject({ status: 'waiting', position: 2, offer: null })

    const outsider = await family()
    const res = await call('POST', '/api/bookings', outsider.user, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: outsider.child_ids }, { 'idempotency-key': randomUUID() })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('SESSION_FULL')
    // a second run of the offer (the sweeper) changes nothing: no seat is offered twice
    await ctx.jobs.send(SWEEP_WAITLISTS_JOB, {})
    await ctx.jobs.drain(SWEEP_WAITLISTS_JOB)
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })
  })

  it('an offer left to lapse goes to the next family in line', async () => {
    const { session, booked } = await fullSession()
    const first = await family()
    const second = await family()
    await join(first, session.id)
    await join(second, session.id)
    await cancel(booked[1]!.user, booked[1]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    const entry = (await myWaitlist(first)).items[0]!

    ctx.clock.advance(121 * MINUTE_MS)
    expect(await ctx.jobs.drain(EXPIRE_OFFER_JOB)).toBeGreaterThanOrEqual(1)
    expect((await myWaitlist(first)).total).toBe(0)
    expect((await myWaitlist(second)).items[0]).toMatchObject({ status: 'offered', position: 1, offer: { seats: 1 } })
    expect(await seatsTaken(session.id)).toBe(2)
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })
    const late = await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: randomUUID() })
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('NO_ACTIVE_OFFER')
  })

  it('accepting books the held seats through the bookings service; only the entry’s owner may', async () => {
    const { plan, session, booked } = await fullSession()
    const first = await family()
    await join(first, session.id)
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    const entry = (await myWaitlist(first)).items[0]!

    expect((await call('POST', `/api/waitlist/${entry.id}/accept`, (await family()).user, { plan_option_id: plan.id })).statusCode).toBe(404)
    // a plan option of another listing: nothing changes, the offer stays
    const otherPlan = await createPlanOption(db, (await createListing(db)).id)
    expect((await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: otherPlan.id })).statusCode).toBe(404)
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })

    const res = await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: plan.id })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().booking).toMatchObject({ status: 'confirmed', child_ids: first.child_ids, seats: 1, amount: plan.price })
    expect(await seatsTaken(session.id)).toBe(2)
    expect(await heldSeats(session.id)).toEqual({ bookings: 2, offers: 0 })
    expect((await myWaitlist(first)).total).toBe(0)
    const again = await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: plan.id })
    expect(again.statusCode).toBe(409)
  })

  it('accepting can pay with credits; with too few credits nothing changes and the offer stays', async () => {
    const { listing, session, booked } = await fullSession()
    const creditsPlan = await createPlanOption(db, listing.id, { kind: 'single', price: 60_000, credits_price: 4 })
    const first = await family()
    await join(first, session.id)
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    const entry = (await myWaitlist(first)).items[0]!
    await giveCredits(db, first.user.id, 3, at(20 * DAY_MS), { now: ctx.clock.now() })

    const short = await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: creditsPlan.id, payment_method: 'credits' })
    expect(short.statusCode).toBe(409)
    expect(short.json().code).toBe('INSUFFICIENT_CREDITS')
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })

    await giveCredits(db, first.user.id, 1, at(20 * DAY_MS), { now: ctx.clock.now() })
    const res = await call('POST', `/api/waitlist/${entry.id}/accept`, first.user, { plan_option_id: creditsPlan.id, payment_method: 'credits' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().booking).toMatchObject({ status: 'confirmed', payment_method: 'credits', credits_amount: 4 })
    expect(await heldSeats(session.id)).toEqual({ bookings: 2, offers: 0 })
  })

  it('declining passes the seats on; leaving with a live offer does too', async () => {
    const { session, booked } = await fullSession()
    const [a, b, c] = [await family(), await family(), await family()]
    for (const f of [a, b, c]) await join(f, session.id)
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    const entryA = (await myWaitlist(a)).items[0]!
    expect((await call('POST', `/api/waitlist/${(await myWaitlist(b)).items[0]!.id}/decline`, b.user)).json().code).toBe('NO_ACTIVE_OFFER')
    expect((await call('POST', `/api/waitlist/${entryA.id}/decline`, b.user)).statusCode).toBe(404)

    expect((await call('POST', `/api/waitlist/${entryA.id}/decline`, a.user)).statusCode).toBe(204)
    expect((await myWaitlist(a)).total).toBe(0)
    expect((await myWaitlist(b)).items[0]).toMatchObject({ status: 'offered', position: 1 })

    expect((await call('DELETE', `/api/sessions/${session.id}/waitlist`, b.user)).statusCode).toBe(204)
    expect((await myWaitlist(c)).items[0]).toMatchObject({ status: 'offered', position: 1 })
    expect(await heldSeats(session.id)).toEqual({ bookings: 1, offers: 1 })
    expect(await seatsTaken(session.id)).toBe(2)
  })

  it('a family whose children do not fit keeps its place; the next family that fits gets the seat', async () => {
    const { session, booked } = await fullSession(3)
    const twins = await family(2)
    const single = await family()
    await join(twins, session.id)
    await join(single, session.id)
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    expect((await myWaitlist(twins)).items[0]).toMatchObject({ status: 'waiting', position: 1, offer: null })
    expect((await myWaitlist(single)).items[0]).toMatchObject({ status: 'offered', offer: { seats: 1 } })
    // two more seats free up: the twins get both
    await cancel(booked[1]!.user, booked[1]!.booking_id)
    await cancel(booked[2]!.user, booked[2]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    expect((await myWaitlist(twins)).items[0]).toMatchObject({ status: 'offered', offer: { seats: 2 } })
    expect(await heldSeats(session.id)).toEqual({ bookings: 0, offers: 3 })
    expect(await seatsTaken(session.id)).toBe(3)
  })

  it('a partner cancelling the session makes no offer', async () => {
    const { session, booked } = await fullSession(1)
    const f = await family()
    await join(f, session.id)
    // the bookings module's path for a cancelled session, as the scheduling module calls it
    await db.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id))
    await cancel(booked[0]!.user, booked[0]!.booking_id)
    await ctx.jobs.drain(OFFER_JOB)
    expect((await myWaitlist(f)).items[0]).toMatchObject({ status: 'waiting', offer: null })
    expect(await seatsTaken(session.id)).toBe(0)
  })
})
