import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createBatch, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { queryRow, queryRows } from '../../db/query.js'
import { bookingSessions, bookings, sessions, settings, unableToAttend } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'
import { uuidGenerator } from '../../shared/ids.js'
import { createMockRefunds } from '../payments/index.js'
import { createBookingsService } from './index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

async function call(method: 'GET' | 'POST' | 'PUT', url: string, user?: Caller, payload?: object, headers: Record<string, string> = {}) {
  const auth = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload ? { payload } : {}) })
}

/** A listing with a single-session plan and one session three days out, and a parent with one seven-year-old. */
async function scene(options: { capacity?: number; price?: number; kind?: 'single' | 'trial' | 'pack' | 'monthly'; listing?: Parameters<typeof createListing>[1] } = {}) {
  const listing = await createListing(db, options.listing)
  const plan = await createPlanOption(db, listing.id, { kind: options.kind ?? 'single', price: options.price ?? 99_900, sessions_count: options.kind === 'pack' ? 4 : 1 })
  const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: options.capacity ?? 10 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  const partner: Caller = { id: (await partnerUserOf(listing.partner_id)), role: 'partner' }
  return { listing, plan, session, parent, child, partner }
}

async function partnerUserOf(partnerId: string): Promise<string> {
  const row = await queryRow<{ user_id: string }>(db, sql`select user_id from partners where id = ${partnerId}::uuid`)
  return row!.user_id
}

async function book(user: Caller, body: object, key = randomUUID()) {
  return call('POST', '/api/bookings', user, body, { 'idempotency-key': key })
}

async function seatsTaken(sessionId: string) {
  const [row] = await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, sessionId))
  return row!.n
}

async function bookOne(s: Awaited<ReturnType<typeof scene>>, sessionId = s.session.id) {
  const res = await book(s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: sessionId, child_ids: [s.child.id] })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().booking as { id: string; status: string; amount: number; refund_amount: number; refund_status: string | null }
}

describe('who may use the booking routes', () => {
  const id = randomUUID()
  const customerRoutes: ['GET' | 'POST' | 'PUT', string, object?][] = [
    ['POST', '/api/bookings', { listing_id: id, plan_option_id: id, session_id: id, child_ids: [id] }],
    ['GET', '/api/bookings/my'],
    ['GET', `/api/bookings/${id}`],
    ['POST', `/api/bookings/${id}/cancel`, { reason: 'x' }],
    ['GET', `/api/bookings/${id}/available-sessions`],
    ['POST', `/api/bookings/${id}/reschedule`, { session_id: id }],
    ['POST', `/api/bookings/${id}/sessions`, { session_id: id }],
    ['POST', `/api/bookings/${id}/unable-to-attend`, { session_id: id, reason: 'Fever' }],
  ]
  const partnerRoutes: ['GET' | 'POST' | 'PUT', string, object?][] = [
    ['GET', '/api/partner/bookings'],
    ['PUT', `/api/partner/bookings/${id}/attendance`, { session_id: id, status: 'present' }],
  ]

  it.each(customerRoutes)('%s %s: 401 without a token, 403 to a partner', async (method, url, payload) => {
    const headers = { 'idempotency-key': randomUUID() }
    expect((await call(method, url, undefined, payload, headers)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db, { role: 'partner' }), payload, headers)).statusCode).toBe(403)
  })

  it.each(partnerRoutes)('%s %s: 401 without a token, 403 to a customer', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db), payload)).statusCode).toBe(403)
  })

  it.each(customerRoutes.slice(2))('%s %s: 404 for a missing booking, 422 for a malformed id', async (method, url, payload) => {
    const user = await createUser(db)
    expect((await call(method, url, user, payload)).statusCode).toBe(404)
    expect((await call(method, url.replace(id, 'not-a-uuid'), user, payload)).statusCode).toBe(422)
  })
})

describe('POST /api/bookings', () => {
  it('books one seat per child at the plan option’s price, confirmed at once in mock mode, ignoring any amount sent', async () => {
    const s = await scene({ price: 120_000 })
    const second = await createChild(db, s.parent.id, { date_of_birth: '2017-01-01' })
    const res = await book(s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id, second.id], amount: 1, price: 1 })
    expect(res.statusCode, res.body).toBe(201)
    const { booking, payment } = res.json()
    expect(payment).toBeNull()
    expect(booking).toMatchObject({ status: 'confirmed', seats: 2, amount: 240_000, payment_method: 'mock', plan_kind: 'single', listing_title: s.listing.title })
    expect(booking.sessions).toEqual([expect.objectContaining({ session_id: s.session.id, status: 'booked' })])
    expect(booking).not.toHaveProperty('payment_ref')
    expect(await seatsTaken(s.session.id)).toBe(2)
  })

  it('needs an Idempotency-Key: 422 naming the header when it is missing', async () => {
    const s = await scene()
    const res = await call('POST', '/api/bookings', s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0].loc).toEqual(['header', 'idempotency-key'])
  })

  it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
    const s = await scene()
    const key = randomUUID()
    const body = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] }
    const first = await book(s.parent, body, key)
    const again = await book(s.parent, { child_ids: [s.child.id], session_id: s.session.id, plan_option_id: s.plan.id, listing_id: s.listing.id }, key)
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(first.json())
    const other = await createChild(db, s.parent.id)
    const reused = await book(s.parent, { ...body, child_ids: [other.id] }, key)
    expect(reused.statusCode).toBe(409)
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await seatsTaken(s.session.id)).toBe(1)
    // keys are per user: another parent's same key is a new request
    const stranger = await createUser(db)
    const strangerChild = await createChild(db, stranger.id)
    expect((await book(stranger, { ...body, child_ids: [strangerChild.id] }, key)).statusCode).toBe(201)
  })

  it('forgets keys after 24 hours: the same key then makes a new booking', async () => {
    const s = await scene()
    const key = randomUUID()
    const body = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] }
    const first = (await book(s.parent, body, key)).json().booking
    await call('POST', `/api/bookings/${first.id}/cancel`, s.parent, {})
    const service = bookingsServiceLikeTheApp()
    expect(await service.pruneIdempotencyKeys()).toBe(0)
    ctx.clock.advance(DAY_MS + 1)
    try {
      expect(await service.pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1)
    } finally {
      ctx.clock.advance(-(DAY_MS + 1))
    }
    const second = await book(s.parent, body, key)
    expect(second.statusCode).toBe(201)
    expect(second.json().booking.id).not.toBe(first.id)
  })

  it('does not keep the key of a failed request: a retry is evaluated again', async () => {
    const s = await scene({ capacity: 1 })
    await db.update(sessions).set({ seats_taken: 1 }).where(eq(sessions.id, s.session.id))
    const key = randomUUID()
    const body = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] }
    expect((await book(s.parent, body, key)).json().code).toBe('SESSION_FULL')
    await db.update(sessions).set({ seats_taken: 0 }).where(eq(sessions.id, s.session.id))
    expect((await book(s.parent, body, key)).statusCode).toBe(201)
  })

  it('answers 409 SESSION_FULL when the seats are not there, and takes nothing', async () => {
    const s = await scene({ capacity: 1 })
    const second = await createChild(db, s.parent.id)
    const res = await book(s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id, second.id] })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ detail: 'This session is full', code: 'SESSION_FULL' })
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('404 for another parent’s child, a plan of another listing, a session of another listing', async () => {
    const s = await scene()
    const other = await scene()
    const base = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] }
    expect((await book(s.parent, { ...base, child_ids: [other.child.id] })).json().code).toBe('CHILD_NOT_FOUND')
    expect((await book(s.parent, { ...base, plan_option_id: other.plan.id })).json().code).toBe('PLAN_OPTION_NOT_FOUND')
    expect((await book(s.parent, { ...base, session_id: other.session.id })).json().code).toBe('SESSION_NOT_FOUND')
    const draft = await createListing(db, { status: 'draft' })
    expect((await book(s.parent, { ...base, listing_id: draft.id })).statusCode).toBe(404)
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('422 for bad input: no children, duplicate children, no session for a single plan', async () => {
    const s = await scene()
    const base = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id }
    expect((await book(s.parent, { ...base, child_ids: [] })).statusCode).toBe(422)
    expect((await book(s.parent, { ...base, child_ids: [s.child.id, s.child.id] })).statusCode).toBe(422)
    const { session_id: _s, ...noSession } = base
    const res = await book(s.parent, { ...noSession, child_ids: [s.child.id] })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('SESSION_REQUIRED')
  })

  it('409 for a session that started or was cancelled', async () => {
    const s = await scene()
    const past = await createSession(db, s.listing.id, at(-HOUR_MS))
    const cancelled = await createSession(db, s.listing.id, at(DAY_MS), { status: 'cancelled' })
    const base = { listing_id: s.listing.id, plan_option_id: s.plan.id, child_ids: [s.child.id] }
    expect((await book(s.parent, { ...base, session_id: past.id })).json().code).toBe('SESSION_NOT_BOOKABLE')
    expect((await book(s.parent, { ...base, session_id: cancelled.id })).json().code).toBe('SESSION_NOT_BOOKABLE')
  })

  it('checks the child’s age on the session date: 422 CHILD_AGE_MISMATCH one day before the birthday, fine on it', async () => {
    const listing = await createListing(db, { age_min: 8, age_max: 10 })
    const plan = await createPlanOption(db, listing.id)
    // 2018-01-10 in India is the eighth birthday of a child born 2018-01-10
    const onBirthday = await createSession(db, listing.id, new Date('2026-01-10T04:30:00.000Z'))
    const dayBefore = await createSession(db, listing.id, new Date('2026-01-09T04:30:00.000Z'))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id, { name: 'Meera Iyer', date_of_birth: '2018-01-10' })
    const early = await book(parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: dayBefore.id, child_ids: [child.id] })
    expect(early.statusCode).toBe(422)
    expect(early.json().code).toBe('CHILD_AGE_MISMATCH')
    expect(early.json().detail).toContain('Meera will be 7')
    expect((await book(parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: onBirthday.id, child_ids: [child.id] })).statusCode).toBe(201)
  })

  it('allows one trial per child per listing; a cancelled trial frees it again', async () => {
    const s = await scene({ kind: 'trial', price: 19_900 })
    const later = await createSession(db, s.listing.id, at(5 * DAY_MS))
    const first = await bookOne(s)
    expect(first.amount).toBe(19_900)
    const again = await book(s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: later.id, child_ids: [s.child.id] })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('TRIAL_ALREADY_USED')
    expect((await call('POST', `/api/bookings/${first.id}/cancel`, s.parent, { reason: 'changed plans' })).statusCode).toBe(200)
    expect((await book(s.parent, { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: later.id, child_ids: [s.child.id] })).statusCode).toBe(201)
  })

  it('refuses to seat the same child twice in a session; a cancelled booking frees the child’s place', async () => {
    const s = await scene()
    const first = await bookOne(s)
    const body = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id] }
    const twice = await book(s.parent, body)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('CHILD_ALREADY_BOOKED')
    // with a sibling it is refused too, and nothing of it is kept
    const sibling = await createChild(db, s.parent.id)
    expect((await book(s.parent, { ...body, child_ids: [sibling.id, s.child.id] })).json().code).toBe('CHILD_ALREADY_BOOKED')
    const seated = async () =>
      (await queryRows<{ child_id: string }>(db, sql`select child_id from session_children where session_id = ${s.session.id}::uuid order by child_id`)).map((r) => r.child_id)
    expect(await seated()).toEqual([s.child.id])
    expect((await call('POST', `/api/bookings/${first.id}/cancel`, s.parent, { reason: 'changed plans' })).statusCode).toBe(200)
    expect(await seated()).toEqual([])
    expect((await book(s.parent, { ...body, child_ids: [sibling.id, s.child.id] })).statusCode).toBe(201)
    expect(await seated()).toEqual([sibling.id, s.child.id].sort())
  })

  it('a reschedule or a pack’s next session into a session the child already has a seat in is 409 CHILD_ALREADY_BOOKED', async () => {
    const s = await scene()
    const first = await bookOne(s)
    const other = await createSession(db, s.listing.id, at(4 * DAY_MS))
    const free = await createSession(db, s.listing.id, at(5 * DAY_MS))
    const ids = async () => ((await call('GET', `/api/bookings/${first.id}/available-sessions`, s.parent)).json().items as { id: string }[]).map((i) => i.id)
    expect(await ids()).toEqual([other.id, free.id])
    await bookOne(s, other.id)
    // the session the child now sits in through the other booking is no longer offered
    expect(await ids()).toEqual([free.id])
    const moved = await call('POST', `/api/bookings/${first.id}/reschedule`, s.parent, { session_id: other.id })
    expect(moved.statusCode, moved.body).toBe(409)
    expect(moved.json().code).toBe('CHILD_ALREADY_BOOKED')
    expect(await seatsTaken(other.id)).toBe(1)
    expect(await seatsTaken(s.session.id)).toBe(1)

    const packScene = await scene({ kind: 'pack', price: 350_000 })
    const pack = await bookOne(packScene)
    const next = await createSession(db, packScene.listing.id, at(6 * DAY_MS))
    const single = await createPlanOption(db, packScene.listing.id, { price: 99_900 })
    expect((await book(packScene.parent, { listing_id: packScene.listing.id, plan_option_id: single.id, session_id: next.id, child_ids: [packScene.child.id] })).statusCode).toBe(201)
    const added = await call('POST', `/api/bookings/${pack.id}/sessions`, packScene.parent, { session_id: next.id })
    expect(added.statusCode, added.body).toBe(409)
    expect(added.json().code).toBe('CHILD_ALREADY_BOOKED')
    expect((await call('GET', `/api/bookings/${pack.id}`, packScene.parent)).json().sessions_remaining).toBe(3)
  })

  it('a pack books its first session and keeps the rest for later; a monthly plan books the batch’s sessions of the next 30 days', async () => {
    const s = await scene({ kind: 'pack', price: 350_000 })
    const pack = await bookOne(s)
    const view = (await call('GET', `/api/bookings/${pack.id}`, s.parent)).json()
    expect(view).toMatchObject({ plan_kind: 'pack', amount: 350_000, sessions_remaining: 3 })
    const next = await createSession(db, s.listing.id, at(6 * DAY_MS))
    const added = await call('POST', `/api/bookings/${pack.id}/sessions`, s.parent, { session_id: next.id })
    expect(added.statusCode, added.body).toBe(200)
    expect(added.json().sessions_remaining).toBe(2)
    expect(await seatsTaken(next.id)).toBe(1)

    const listing = await createListing(db)
    const monthly = await createPlanOption(db, listing.id, { kind: 'monthly', price: 400_000 })
    const batch = await createBatch(db, listing.id)
    const inMonth = [2, 9, 16, 23].map((d) => createSession(db, listing.id, at(d * DAY_MS), { batch_id: batch.id }))
    const made = await Promise.all(inMonth)
    const outside = await createSession(db, listing.id, at(40 * DAY_MS), { batch_id: batch.id })
    const res = await book(s.parent, { listing_id: listing.id, plan_option_id: monthly.id, batch_id: batch.id, child_ids: [s.child.id] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().booking.sessions.map((x: { session_id: string }) => x.session_id).sort()).toEqual(made.map((m) => m.id).sort())
    expect(await seatsTaken(outside.id)).toBe(0)
  })
})

describe('GET /api/bookings/my and /api/bookings/{id}', () => {
  it('lists only my bookings by upcoming, past and cancelled; another parent’s booking is 404', async () => {
    const s = await scene()
    const upcoming = await bookOne(s)
    const toCancel = await bookOne(s, (await createSession(db, s.listing.id, at(4 * DAY_MS))).id)
    await call('POST', `/api/bookings/${toCancel.id}/cancel`, s.parent, {})
    const pastSession = await createSession(db, s.listing.id, at(2 * HOUR_MS))
    const past = await bookOne(s, pastSession.id)
    ctx.clock.advance(3 * HOUR_MS)
    try {
      const ids = async (status: string) => (await call('GET', `/api/bookings/my?status=${status}`, s.parent)).json().items.map((b: { id: string }) => b.id)
      expect(await ids('upcoming')).toEqual([upcoming.id])
      expect(await ids('past')).toEqual([past.id])
      expect(await ids('cancelled')).toEqual([toCancel.id])
      const all = (await call('GET', '/api/bookings/my?page_size=2', s.parent)).json()
      expect(all).toMatchObject({ total: 3, page: 1, page_size: 2 })
      expect(all.items).toHaveLength(2)
      expect((await call('GET', '/api/bookings/my?status=soon', s.parent)).statusCode).toBe(422)
      const stranger = await createUser(db)
      expect((await call('GET', '/api/bookings/my', stranger)).json().total).toBe(0)
      const res = await call('GET', `/api/bookings/${upcoming.id}`, stranger)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ detail: 'Booking not found', code: 'BOOKING_NOT_FOUND' })
    } finally {
      ctx.clock.advance(-3 * HOUR_MS)
    }
  })
})

describe('POST /api/bookings/{id}/cancel', () => {
  const cancelAt = async (hoursBefore: number, listing: Parameters<typeof createListing>[1] = {}) => {
    const s = await scene({ price: 100_001, listing })
    const session = await createSession(db, s.listing.id, at(hoursBefore * HOUR_MS))
    const booking = await bookOne(s, session.id)
    const res = await call('POST', `/api/bookings/${booking.id}/cancel`, s.parent, { reason: 'Sick' })
    expect(res.statusCode, res.body).toBe(200)
    expect(await seatsTaken(session.id)).toBe(0)
    return res.json()
  }

  it.each([
    [24, 100_001],
    [23.99, 50_000],
    [6, 50_000],
    [5.99, 0],
  ])('%s h before the start refunds %i paise (mock refunds are processed at once)', async (hours, refund) => {
    const cancelled = await cancelAt(hours)
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation_reason: 'Sick', refund_amount: refund, refund_status: refund ? 'processed' : null })
  })

  it('uses the listing’s own notice hours and the config table’s policy', async () => {
    expect((await cancelAt(30, { cancellation_notice_hours: 48 })).refund_amount).toBe(50_000)
    await db.insert(settings).values({ key: 'cancellation_policy', value: { full_refund_hours: 24, partial_refund_hours: 2, partial_refund_percent: 25 } })
    try {
      expect((await cancelAt(3)).refund_amount).toBe(25_000)
    } finally {
      await db.delete(settings).where(eq(settings.key, 'cancellation_policy'))
    }
  })

  it('cancelling twice is 409 and changes nothing', async () => {
    const s = await scene()
    const booking = await bookOne(s)
    await call('POST', `/api/bookings/${booking.id}/cancel`, s.parent, {})
    const again = await call('POST', `/api/bookings/${booking.id}/cancel`, s.parent, {})
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('BOOKING_ALREADY_CANCELLED')
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('another parent cannot cancel it (404) and the booking stays', async () => {
    const s = await scene()
    const booking = await bookOne(s)
    expect((await call('POST', `/api/bookings/${booking.id}/cancel`, await createUser(db), {})).statusCode).toBe(404)
    expect((await call('GET', `/api/bookings/${booking.id}`, s.parent)).json().status).toBe('confirmed')
  })
})

describe('reschedule', () => {
  it('moves the seat to another session of the listing, counts it, and stops at MAX_RESCHEDULES', async () => {
    const s = await scene()
    const booking = await bookOne(s)
    const targets = await Promise.all([4, 5, 6].map((d) => createSession(db, s.listing.id, at(d * DAY_MS))))
    const available = (await call('GET', `/api/bookings/${booking.id}/available-sessions`, s.parent)).json()
    expect(available).toMatchObject({ reschedulable: true, reason: null, reschedules_left: 2 })
    expect(available.items.map((i: { id: string }) => i.id)).toEqual(targets.map((t) => t.id))

    const moved = await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: targets[0]!.id })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().reschedule_count).toBe(1)
    expect(await seatsTaken(s.session.id)).toBe(0)
    expect(await seatsTaken(targets[0]!.id)).toBe(1)
    expect((await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: targets[1]!.id })).statusCode).toBe(200)
    const third = await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: targets[2]!.id })
    expect(third.statusCode).toBe(409)
    expect(third.json().code).toBe('RESCHEDULE_LIMIT')
    expect(await seatsTaken(targets[1]!.id)).toBe(1)
    expect(await seatsTaken(targets[2]!.id)).toBe(0)
    expect((await call('GET', `/api/bookings/${booking.id}/available-sessions`, s.parent)).json()).toMatchObject({ reschedulable: false, reschedules_left: 0 })
  })

  it('refuses a full session, another listing’s session, and a move inside the notice window', async () => {
    const s = await scene({ listing: { reschedule_notice_hours: 12 } })
    const booking = await bookOne(s)
    const full = await createSession(db, s.listing.id, at(4 * DAY_MS), { capacity: 1, seats_taken: 1 })
    expect((await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: full.id })).json().code).toBe('SESSION_FULL')
    const foreign = await scene()
    expect((await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: foreign.session.id })).statusCode).toBe(404)
    const target = await createSession(db, s.listing.id, at(5 * DAY_MS))
    ctx.clock.advance(3 * DAY_MS - 11 * HOUR_MS)
    try {
      const late = await call('POST', `/api/bookings/${booking.id}/reschedule`, s.parent, { session_id: target.id })
      expect(late.statusCode).toBe(409)
      expect(late.json().code).toBe('RESCHEDULE_WINDOW_CLOSED')
    } finally {
      ctx.clock.advance(-(3 * DAY_MS - 11 * HOUR_MS))
    }
    expect(await seatsTaken(s.session.id)).toBe(1)
    expect(await seatsTaken(target.id)).toBe(0)
  })

  it('checks the children’s ages on the new date (422 CHILD_AGE_MISMATCH)', async () => {
    const listing = await createListing(db, { age_min: 8, age_max: 10 })
    const plan = await createPlanOption(db, listing.id)
    const onBirthday = await createSession(db, listing.id, new Date('2026-01-10T04:30:00.000Z'))
    const dayBefore = await createSession(db, listing.id, new Date('2026-01-09T04:30:00.000Z'))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id, { date_of_birth: '2018-01-10' })
    const booking = (await book(parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: onBirthday.id, child_ids: [child.id] })).json().booking
    const res = await call('POST', `/api/bookings/${booking.id}/reschedule`, parent, { session_id: dayBefore.id })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('CHILD_AGE_MISMATCH')
    expect(await seatsTaken(onBirthday.id)).toBe(1)
  })

  it('keeps a pack within its batch', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { kind: 'pack', sessions_count: 4, price: 300_000 })
    const batch = await createBatch(db, listing.id)
    const inBatch = await createSession(db, listing.id, at(3 * DAY_MS), { batch_id: batch.id })
    const sameBatch = await createSession(db, listing.id, at(4 * DAY_MS), { batch_id: batch.id })
    const noBatch = await createSession(db, listing.id, at(5 * DAY_MS))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const booking = (await book(parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: inBatch.id, child_ids: [child.id] })).json().booking
    expect((await call('POST', `/api/bookings/${booking.id}/reschedule`, parent, { session_id: noBatch.id })).statusCode).toBe(404)
    expect((await call('POST', `/api/bookings/${booking.id}/reschedule`, parent, { session_id: sameBatch.id })).statusCode).toBe(200)
  })
})

describe('unable to attend', () => {
  it('in time for a pack: the seat is released and the session credited back', async () => {
    const s = await scene({ kind: 'pack' })
    const booking = await bookOne(s)
    const res = await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: s.session.id, reason: 'Family wedding' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ outcome: 'credited', refund_amount: 0, reason: 'Family wedding' })
    expect(res.json().booking.sessions_remaining).toBe(4)
    expect(await seatsTaken(s.session.id)).toBe(0)
    const again = await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: s.session.id, reason: 'Family wedding' })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('ALREADY_REPORTED')
    expect((await call('GET', `/api/bookings/${booking.id}`, s.parent)).json().sessions_remaining).toBe(4)
  })

  it('in time for a single session: cancelled with a refund by policy', async () => {
    const s = await scene()
    const booking = await bookOne(s)
    const res = await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: s.session.id, reason: 'Fever' })
    expect(res.json()).toMatchObject({ outcome: 'refunded', refund_amount: 99_900 })
    expect(res.json().booking).toMatchObject({ status: 'cancelled', refund_status: 'processed' })
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('too late: recorded only, the seat stays; reporting twice is 409', async () => {
    const s = await scene({ kind: 'pack' })
    const soon = await createSession(db, s.listing.id, at(5 * HOUR_MS))
    const booking = await bookOne(s, soon.id)
    const res = await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: soon.id, reason: 'Traffic' })
    expect(res.json()).toMatchObject({ outcome: 'recorded', refund_amount: 0 })
    expect(await seatsTaken(soon.id)).toBe(1)
    const again = await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: soon.id, reason: 'Traffic' })
    expect(again.statusCode).toBe(409)
    const rows = await db.select().from(unableToAttend).where(eq(unableToAttend.booking_id, booking.id))
    expect(rows).toHaveLength(1)
    expect((await call('POST', `/api/bookings/${booking.id}/unable-to-attend`, s.parent, { session_id: s.session.id, reason: 'x' })).json().code).toBe('SESSION_NOT_IN_BOOKING')
  })
})

describe('partner side', () => {
  it('lists the bookings of my listings with children’s first names and ages, never the parent’s details', async () => {
    const s = await scene()
    const booking = await bookOne(s)
    const other = await scene()
    await bookOne(other)
    const res = await call('GET', '/api/partner/bookings', s.partner)
    expect(res.statusCode).toBe(200)
    const page = res.json()
    expect(page.total).toBe(1)
    expect(page.items[0]).toMatchObject({ id: booking.id, listing_id: s.listing.id, status: 'confirmed', children: [{ id: s.child.id, first_name: s.child.name.split(' ')[0], age: 7 }] })
    expect(JSON.stringify(page)).not.toContain(s.parent.email!)
    expect(JSON.stringify(page)).not.toContain(s.parent.phone!)
    expect(page.items[0]).not.toHaveProperty('user_id')
    expect(page.items[0]).not.toHaveProperty('payment_method')
    const filtered = async (q: string) => (await call('GET', `/api/partner/bookings?${q}`, s.partner)).json().total
    expect(await filtered(`listing_id=${s.listing.id}`)).toBe(1)
    expect(await filtered(`listing_id=${other.listing.id}`)).toBe(0)
    expect(await filtered(`session_id=${s.session.id}`)).toBe(1)
    expect(await filtered('status=cancelled')).toBe(0)
    expect(await filtered('from=2026-01-08&to=2026-01-08')).toBe(1)
    expect(await filtered('from=2026-01-09')).toBe(0)
    expect((await call('GET', '/api/partner/bookings?from=yesterday', s.partner)).statusCode).toBe(422)
  })

  it('marks attendance on my booking from an hour before the start; another partner gets 404', async () => {
    const s = await scene()
    const session = await createSession(db, s.listing.id, at(30 * 60_000))
    const booking = await bookOne(s, session.id)
    const other = await scene()
    expect((await call('PUT', `/api/partner/bookings/${booking.id}/attendance`, other.partner, { session_id: session.id, status: 'present' })).statusCode).toBe(404)
    const res = await call('PUT', `/api/partner/bookings/${booking.id}/attendance`, s.partner, { session_id: session.id, status: 'late' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().sessions[0]).toMatchObject({ status: 'attended', attendance: 'late' })
    const [row] = await db.select().from(bookingSessions).where(eq(bookingSessions.booking_id, booking.id))
    expect(row!.attendance).toBe('late')
    const early = await bookOne(s)
    const tooEarly = await call('PUT', `/api/partner/bookings/${early.id}/attendance`, s.partner, { session_id: s.session.id, status: 'present' })
    expect(tooEarly.json().code).toBe('ATTENDANCE_TOO_EARLY')
    expect((await call('PUT', `/api/partner/bookings/${booking.id}/attendance`, s.partner, { session_id: session.id, status: 'asleep' })).statusCode).toBe(422)
  })
})

describe('completing finished bookings (the sweeper)', () => {
  it('completes a confirmed booking once its session is over, not before; a pack waits for its remaining sessions', async () => {
    const s = await scene()
    const session = await createSession(db, s.listing.id, at(2 * HOUR_MS))
    const single = await bookOne(s, session.id)
    const packPlan = await createPlanOption(db, s.listing.id, { kind: 'pack', sessions_count: 3 })
    const other = await createChild(db, s.parent.id)
    const pack = (await book(s.parent, { listing_id: s.listing.id, plan_option_id: packPlan.id, session_id: session.id, child_ids: [other.id] })).json().booking
    const service = bookingsServiceLikeTheApp()
    const status = async (id: string) => (await db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, id)))[0]!.status
    await service.completeFinishedBookings()
    expect(await status(single.id)).toBe('confirmed')
    ctx.clock.advance(3 * HOUR_MS + 1)
    try {
      await service.completeFinishedBookings()
      expect(await status(single.id)).toBe('completed')
      expect(await status(pack.id)).toBe('confirmed')
      expect((await call('POST', `/api/bookings/${single.id}/cancel`, s.parent, {})).statusCode).toBe(409)
    } finally {
      ctx.clock.advance(-(3 * HOUR_MS + 1))
    }
  })
})

describe('cancelBookingsForSession (for the scheduling module)', () => {
  it('cancels single bookings with a full refund, credits packs back, and releases every seat', async () => {
    const s = await scene()
    const single = await bookOne(s)
    const packPlan = await createPlanOption(db, s.listing.id, { kind: 'pack', sessions_count: 3, price: 250_000 })
    const other = await createChild(db, s.parent.id)
    const pack = (await book(s.parent, { listing_id: s.listing.id, plan_option_id: packPlan.id, session_id: s.session.id, child_ids: [other.id] })).json().booking
    expect(await seatsTaken(s.session.id)).toBe(2)

    const service = bookingsServiceLikeTheApp()
    const result = await db.transaction(async (tx) => {
      await tx.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, s.session.id))
      return service.cancelBookingsForSession(tx, s.session.id, 'Coach unwell')
    })
    expect(result).toEqual({ cancelled: [single.id], credited: [pack.id] })
    expect(await seatsTaken(s.session.id)).toBe(0)
    const [row] = await db.select().from(bookings).where(eq(bookings.id, single.id))
    expect(row).toMatchObject({ status: 'cancelled', refund_amount: 99_900, refund_status: 'pending', cancelled_by: 'partner' })
    expect(await service.settlePendingRefunds()).toBeGreaterThanOrEqual(1)
    const [settled] = await db.select().from(bookings).where(eq(bookings.id, single.id))
    expect(settled!.refund_status).toBe('processed')
    const [packRow] = await db.select().from(bookings).where(eq(bookings.id, pack.id))
    expect(packRow).toMatchObject({ status: 'confirmed', sessions_remaining: 3 })
  })
})

// the same service the app builds, for the direct call another module makes (no route exposes it)
function bookingsServiceLikeTheApp() {
  return createBookingsService({
    db, clock: ctx.clock, ids: uuidGenerator, jobs: ctx.jobs, refunds: createMockRefunds(uuidGenerator), paymentsMode: 'mock',
    holdMinutes: 15, maxPendingHolds: 5, maxReschedules: 2,
  })
}
