// The admins' bookings: filters, sorts, one booking in full with its history, the admin cancel (refund bounds, audit,
// credits) and the CSV export (BOM, header, formula injection, rupees, India time, more rows than one batch).
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPartner, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { auditLogs, bookings, sessions, wallets } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'
import { EXPORT_BATCH_SIZE } from './use-cases/export-bookings.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin', name: 'Asha Admin' })
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)
const token = () => `t${randomUUID().slice(0, 8)}`

async function scene(options: { price?: number; city?: string; title?: string; partnerId?: string; startsIn?: number } = {}) {
  const city = options.city ?? `City ${token()}`
  const listing = await createListing(db, {
    ...(options.partnerId ? { partner_id: options.partnerId } : {}),
    ...(options.title ? { title: options.title } : {}),
    venue: { city },
  })
  const plan = await createPlanOption(db, listing.id, { kind: 'single', price: options.price ?? 99_900, credits_price: 4 })
  const session = await createSession(db, listing.id, at(options.startsIn ?? 3 * DAY_MS), { capacity: 10 })
  return { listing, plan, session, city }
}
type Scene = Awaited<ReturnType<typeof scene>>

type User = Awaited<ReturnType<typeof createUser>>

async function book(s: Scene, parent?: User, options: { credits?: boolean; session?: { id: string } } = {}) {
  const user = parent ?? (await createUser(db))
  const child = await createChild(db, user.id)
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...(await authHeader(user, ctx.clock)), 'idempotency-key': randomUUID() },
    payload: {
      listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: (options.session ?? s.session).id, child_ids: [child.id],
      ...(options.credits ? { payment_method: 'credits' } : {}),
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  return { booking: res.json().booking as { id: string; amount: number; status: string }, user, child }
}

async function adminGet(url: string) {
  return ctx.app.inject({ method: 'GET', url, headers: await authHeader(admin, ctx.clock) })
}

async function list(query: Record<string, string>) {
  const res = await adminGet(`/api/admin/bookings?${new URLSearchParams({ page_size: '100', ...query })}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { items: Array<{ id: string; amount: number; status: string; customer: { name: string }; listing: { city: string } }>; total: number }
}

async function adminCancel(id: string, refund_amount: number, reason = 'Venue closed for repairs') {
  return ctx.app.inject({ method: 'POST', url: `/api/admin/bookings/${id}/cancel`, headers: await authHeader(admin, ctx.clock), payload: { reason, refund_amount } })
}

const bookingRow = async (id: string) => (await db.select().from(bookings).where(eq(bookings.id, id)))[0]!
const seatsTaken = async (id: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, id)))[0]!.n

describe('GET /api/admin/bookings', () => {
  it('filters by listing, partner, city, status, payment method, customer (user_id and q on name, phone, email)', async () => {
    const partner = await createPartner(db)
    const a = await scene({ partnerId: partner.id })
    const b = await scene({ partnerId: partner.id })
    const other = await scene()
    const name = token()
    const priya = await createUser(db, { name: `Priya ${name} Sharma`, email: `priya.${name}@example.com` })
    const one = await book(a, priya)
    const two = await book(b)
    const three = await book(other)
    await giveCredits(db, two.user.id, 10, at(20 * DAY_MS), { now: ctx.clock.now() })
    const four = await book(b, two.user, { credits: true })
    expect((await adminCancel(two.booking.id, 0)).statusCode).toBe(200)

    const ids = (r: { items: Array<{ id: string }> }) => r.items.map((i) => i.id).sort()
    expect(ids(await list({ listing_id: a.listing.id }))).toEqual([one.booking.id])
    expect(ids(await list({ partner_id: partner.id }))).toEqual([one.booking.id, two.booking.id, four.booking.id].sort())
    expect(ids(await list({ city: other.city.toUpperCase() }))).toEqual([three.booking.id])
    expect(ids(await list({ partner_id: partner.id, status: 'cancelled' }))).toEqual([two.booking.id])
    expect(ids(await list({ partner_id: partner.id, payment_method: 'credits' }))).toEqual([four.booking.id])
    expect(ids(await list({ user_id: two.user.id }))).toEqual([two.booking.id, four.booking.id].sort())
    expect(ids(await list({ q: name.toUpperCase() }))).toEqual([one.booking.id])
    expect(ids(await list({ q: `priya.${name}@` }))).toEqual([one.booking.id])
    expect(ids(await list({ q: priya.phone!.slice(-9) }))).toEqual([one.booking.id])
    // LIKE wildcards are plain characters
    expect((await list({ q: '%_%' })).items.filter((i) => [one.booking.id, two.booking.id].includes(i.id))).toEqual([])
    const page = await list({ listing_id: a.listing.id })
    expect(page.items[0]).toMatchObject({ customer: { name: priya.name, email: priya.email }, listing: { id: a.listing.id, city: a.city }, partner: { id: partner.id } })
  })

  it('sorts newest, oldest, by amount and by session date', async () => {
    const partner = await createPartner(db)
    const cheap = await scene({ partnerId: partner.id, price: 50_000, startsIn: 5 * DAY_MS })
    const dear = await scene({ partnerId: partner.id, price: 150_000, startsIn: 2 * DAY_MS })
    const mid = await scene({ partnerId: partner.id, price: 90_000, startsIn: 9 * DAY_MS })
    const first = await book(cheap)
    ctx.clock.advance(60_000)
    const second = await book(dear)
    ctx.clock.advance(60_000)
    const third = await book(mid)
    const order = async (sort: string) => (await list({ partner_id: partner.id, sort })).items.map((i) => i.id)
    expect(await order('newest')).toEqual([third, second, first].map((x) => x.booking.id))
    expect(await order('oldest')).toEqual([first, second, third].map((x) => x.booking.id))
    expect(await order('amount')).toEqual([second, third, first].map((x) => x.booking.id))
    expect(await order('session_date')).toEqual([second, first, third].map((x) => x.booking.id))
    expect((await list({ partner_id: partner.id, page_size: '2', page: '2' })).items.map((i) => i.id)).toEqual([first.booking.id])
  })

  it('bounds creation and session dates by India days', async () => {
    // 23:30 and 00:30 India time: two different India days, one UTC day
    ctx.clock.set('2026-03-10T18:00:00.000Z')
    const s = await scene({ startsIn: 20 * DAY_MS })
    const later = await createSession(db, s.listing.id, at(40 * DAY_MS))
    const late = await book(s)
    ctx.clock.set('2026-03-10T19:00:00.000Z')
    const early = await book(s, undefined, { session: later })
    const ids = async (q: Record<string, string>) => (await list({ listing_id: s.listing.id, ...q })).items.map((i) => i.id).sort()
    expect(await ids({ from: '2026-03-10', to: '2026-03-10' })).toEqual([late.booking.id])
    expect(await ids({ from: '2026-03-11' })).toEqual([early.booking.id])
    expect(await ids({ to: '2026-03-09' })).toEqual([])
    const laterDay = new Date(later.starts_at.getTime() + 5.5 * HOUR_MS).toISOString().slice(0, 10)
    expect(await ids({ date_field: 'session', from: laterDay, to: laterDay })).toEqual([early.booking.id])
  })

  it('answers 422 for a reversed range, a bad filter or sort, and 404 for an unknown booking', async () => {
    for (const query of ['from=2026-03-02&to=2026-03-01', 'sort=cheapest', 'status=lost', 'from=2026-02-30', 'partner_id=nope', 'page_size=1000', `q=${'x'.repeat(101)}`]) {
      const res = await adminGet(`/api/admin/bookings?${query}`)
      expect(res.statusCode, query).toBe(422)
    }
    expect((await adminGet('/api/admin/bookings?from=2026-03-02&to=2026-03-01')).json().code).toBe('DATE_RANGE_INVALID')
    expect((await adminGet(`/api/admin/bookings?q=${encodeURIComponent('प्रिया 😀 ₹')}`)).statusCode).toBe(200)
    expect((await adminGet(`/api/admin/bookings/${randomUUID()}`)).statusCode).toBe(404)
    expect((await adminGet('/api/admin/bookings/not-a-uuid')).statusCode).toBe(422)
    expect((await adminCancel(randomUUID(), 0)).statusCode).toBe(404)
  })
})

describe('GET /api/admin/bookings/:id', () => {
  it('shows the booking with customer, children, listing, sessions, invoice and its history', async () => {
    const s = await scene()
    const { booking, user, child } = await book(s)
    const res = await adminGet(`/api/admin/bookings/${booking.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      booking: { id: booking.id, status: 'confirmed', sessions: [{ session_id: s.session.id, status: 'booked' }] },
      customer: { id: user.id, name: user.name },
      children: [{ id: child.id, name: child.name }],
      listing: { id: s.listing.id, city: s.city },
      payments: [],
      invoice: { total: booking.amount },
    })
    expect(body.history).toEqual([
      expect.objectContaining({ event: 'created', from_status: null, to_status: 'confirmed', actor: 'customer', actor_id: user.id, occurred_at: ctx.clock.now().toISOString() }),
    ])
  })
})

describe('POST /api/admin/bookings/:id/cancel', () => {
  it('refuses more than was paid (422, nothing changes); cancels with 0; with exactly what was paid refunds it all, audited, seats released', async () => {
    const s = await scene({ price: 123_450 })
    const zero = await book(s)
    const full = await book(s)
    expect(await seatsTaken(s.session.id)).toBe(2)

    const over = await adminCancel(full.booking.id, 123_451)
    expect(over.statusCode).toBe(422)
    expect(over.json().code).toBe('REFUND_EXCEEDS_PAID')
    expect(await bookingRow(full.booking.id)).toMatchObject({ status: 'confirmed', refund_amount: 0 })
    expect(await db.select().from(auditLogs).where(eq(auditLogs.target_id, full.booking.id))).toEqual([])

    const none = await adminCancel(zero.booking.id, 0, '  Duplicate booking  ')
    expect(none.statusCode, none.body).toBe(200)
    expect(none.json()).toMatchObject({ booking: { status: 'cancelled', refund_amount: 0, refund_status: null, cancellation_reason: 'Duplicate booking' }, cancelled_by: 'admin' })

    ctx.clock.advance(60_000)
    const all = await adminCancel(full.booking.id, 123_450)
    expect(all.statusCode, all.body).toBe(200)
    expect(all.json()).toMatchObject({ booking: { status: 'cancelled', refund_amount: 123_450, refund_status: 'processed' }, cancelled_by: 'admin' })
    expect((await bookingRow(full.booking.id)).refund_ref).toMatch(/^mock_rfnd_/)
    expect(await seatsTaken(s.session.id)).toBe(0)

    const [audit] = await db.select().from(auditLogs).where(and(eq(auditLogs.target_id, full.booking.id), eq(auditLogs.action, 'booking.admin_cancel')))
    expect(audit).toMatchObject({ actor_id: admin.id, target_type: 'booking', before: { status: 'confirmed', refund_amount: 0 }, after: { status: 'cancelled', refund_amount: 123_450, refund_requested: 123_450 } })
    expect(audit!.created_at.toISOString()).toBe(ctx.clock.now().toISOString())

    const history = all.json().history as Array<{ event: string; actor: string; actor_id: string | null; amount: number | null; refund_status: string | null }>
    expect(history.map((e) => [e.event, e.actor, e.actor_id, e.amount, e.refund_status])).toEqual([
      ['created', 'customer', full.user.id, null, null],
      ['cancelled', 'admin', admin.id, null, null],
      ['refund_requested', 'admin', admin.id, 123_450, 'pending'],
      ['refund_settled', 'system', null, 123_450, 'processed'],
    ])

    const again = await adminCancel(full.booking.id, 0)
    expect(again.statusCode).toBe(409)
  })

  it('gives back the same share of credits for a booking paid with credits', async () => {
    const s = await scene({ price: 100_000 })
    const parent = await createUser(db)
    await giveCredits(db, parent.id, 10, at(20 * DAY_MS), { now: ctx.clock.now() })
    const { booking } = await book(s, parent, { credits: true })
    const balance = async () => (await db.select({ b: wallets.balance }).from(wallets).where(eq(wallets.user_id, parent.id)))[0]!.b
    expect(await balance()).toBe(6)
    const res = await adminCancel(booking.id, 50_000)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ booking: { credits_amount: 4, credits_refunded: 2, refund_amount: 0, refund_status: 'processed' }, credits_refund_value: 50_000 })
    expect(await balance()).toBe(8)
  })

  it('a booking still waiting for payment can only be cancelled with 0', async () => {
    const s = await scene()
    const parent = await createUser(db)
    const booking = { id: randomUUID() }
    await db.insert(bookings).values({ id: booking.id, user_id: parent.id, listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, status: 'pending_payment', amount: 99_900, payment_method: 'razorpay' })
    expect((await adminCancel(booking.id, 1)).json().code).toBe('REFUND_EXCEEDS_PAID')
    expect((await adminCancel(booking.id, 0)).statusCode).toBe(200)
  })

  it('refuses a blank reason, a negative or huge amount with 422', async () => {
    const s = await scene()
    const { booking } = await book(s)
    for (const payload of [{ reason: '   ', refund_amount: 0 }, { reason: 'x', refund_amount: -1 }, { reason: 'x', refund_amount: 1e20 }, { reason: 'x', refund_amount: 1.5 }, { refund_amount: 0 }, { reason: 'x\u0000', refund_amount: 0 }]) {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/admin/bookings/${booking.id}/cancel`, headers: await authHeader(admin, ctx.clock), payload })
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
    }
    expect((await bookingRow(booking.id)).status).toBe('confirmed')
  })
})

describe('GET /api/admin/bookings/export.csv', () => {
  const csvOf = async (query: Record<string, string>) => {
    const res = await adminGet(`/api/admin/bookings/export.csv?${new URLSearchParams(query)}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    return res.rawPayload.toString('utf8')
  }

  it('needs from and to, at most 366 days apart, in order', async () => {
    for (const [query, code] of [
      ['', 'VALIDATION_ERROR'], ['from=2026-01-01', 'VALIDATION_ERROR'], ['from=2026-01-01&to=2027-01-02', 'DATE_RANGE_TOO_LONG'], ['from=2026-02-01&to=2026-01-01', 'DATE_RANGE_INVALID'],
    ] as const) {
      const res = await adminGet(`/api/admin/bookings/export.csv?${query}`)
      expect(res.statusCode, query).toBe(422)
      if (code !== 'VALIDATION_ERROR') expect(res.json().code).toBe(code)
    }
    expect((await adminGet('/api/admin/bookings/export.csv?from=2026-01-01&to=2027-01-01')).statusCode).toBe(200)
  })

  it('writes a BOM, the header, rupees and paise, India times, Indian text intact and formulas neutralised', async () => {
    ctx.clock.set('2026-04-01T20:00:00.000Z') // 2 April 01:30 in India
    const s = await scene({ price: 123_450, title: 'योग कक्षा ₹ Kids, "Junior"', city: `=cmd|' /C calc'!A0 ${token()}` })
    const parent = await createUser(db, { name: '@SUM(1+1) प्रिया शर्मा' })
    const { booking } = await book(s, parent)
    const csv = await csvOf({ from: '2026-04-02', to: '2026-04-02', listing_id: s.listing.id })
    expect(csv.startsWith('\uFEFFbooking_id,created_at_ist,status,payment_method,customer_id,customer_name,')).toBe(true)
    const lines = csv.slice(1).trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    const row = lines[1]!
    expect(row.startsWith(`${booking.id},2026-04-02 01:30:00,confirmed,mock,${parent.id},'@SUM(1+1) प्रिया शर्मा,'+91`)).toBe(true)
    expect(row).toContain(',"योग कक्षा ₹ Kids, ""Junior""",')
    expect(row).toContain(`,'=cmd|' /C calc'!A0 `)
    expect(row).toContain(',1234.50,123450,0.00,0,,')
    const sessionIst = new Date(s.session.starts_at.getTime() + 5.5 * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ')
    expect(row).toContain(`,${sessionIst},1,`)
    // the day before in India holds nothing of this listing
    expect((await csvOf({ from: '2026-04-01', to: '2026-04-01', listing_id: s.listing.id })).slice(1).trimEnd().split('\n')).toHaveLength(1)
  })

  it('streams more rows than one batch, each booking once, in creation order', async () => {
    const s = await scene()
    const { user } = await book(s)
    const n = EXPORT_BATCH_SIZE * 2 + 7
    // the same creation time for a run of rows: the keyset (created_at, id) must still page through them
    await db.execute(sql`
      insert into bookings (id, user_id, listing_id, partner_id, plan_option_id, session_id, status, seats, amount, payment_method, created_at, updated_at)
      select gen_random_uuid(), ${user.id}::uuid, ${s.listing.id}::uuid, ${s.listing.partner_id}::uuid, ${s.plan.id}::uuid, ${s.session.id}::uuid,
             'completed', 1, 1000 + i, 'mock', ${ctx.clock.now().toISOString()}::timestamptz + ((i / 100) || ' seconds')::interval, now()
      from generate_series(1, ${n - 1}) i`)
    const day = new Date(ctx.clock.now().getTime() + 5.5 * HOUR_MS).toISOString().slice(0, 10)
    const lines = (await csvOf({ from: day, to: day, listing_id: s.listing.id })).slice(1).trimEnd().split('\n')
    expect(lines).toHaveLength(n + 1)
    const ids = lines.slice(1).map((l) => l.split(',')[0])
    expect(new Set(ids).size).toBe(n)
  })
})
