// Paying for a booking with credits: the price in credits comes from the plan option, the credits expiring first go first,
// a short wallet holds no seat, and every way a booking ends (parent, policy, partner, unable to attend) gives the
// policy's share back with the credits' own expiry, or a grace period when that has passed.
import { randomUUID } from 'node:crypto'
import { and, asc, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { queryRow } from '../../db/query.js'
import { bookings, creditLedger, creditLots, invoices, sessions, wallets } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

async function scene(options: { creditsPrice?: number | null; startsIn?: number; capacity?: number } = {}) {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 99_900, credits_price: options.creditsPrice === undefined ? 3 : options.creditsPrice })
  const session = await createSession(db, listing.id, at(options.startsIn ?? 3 * DAY_MS), { capacity: options.capacity ?? 10 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  const partnerUser = await queryRow<{ user_id: string }>(db, sql`select user_id from partners where id = ${listing.partner_id}::uuid`)
  return { listing, plan, session, parent, child, partner: { id: partnerUser!.user_id, role: 'partner' as const } }
}

type Scene = Awaited<ReturnType<typeof scene>>

async function bookWithCredits(s: Scene, childIds = [s.child.id], key = randomUUID()) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...(await authHeader(s.parent, ctx.clock)), 'idempotency-key': key },
    payload: { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: childIds, payment_method: 'credits' },
  })
}

async function balanceOf(userId: string) {
  const [row] = await db.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.user_id, userId))
  return row?.balance ?? 0
}

const entriesOf = (userId: string) => db.select().from(creditLedger).where(eq(creditLedger.user_id, userId)).orderBy(asc(creditLedger.seq))
const lotsOf = (userId: string) => db.select().from(creditLots).where(eq(creditLots.user_id, userId)).orderBy(asc(creditLots.expires_at))
const seatsTaken = async (sessionId: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, sessionId)))[0]!.n

async function cancel(s: Scene, bookingId: string) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/bookings/${bookingId}/cancel`, headers: await authHeader(s.parent, ctx.clock), payload: { reason: 'Change of plans' } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { status: string; credits_amount: number; credits_refunded: number; refund_status: string | null; refund_amount: number }
}

describe('booking with credits', () => {
  it('costs the plan option’s credits price × seats, confirms at once, spends from the wallet and issues no invoice', async () => {
    const s = await scene({ creditsPrice: 3 })
    const sibling = await createChild(db, s.parent.id)
    await giveCredits(db, s.parent.id, 10, at(20 * DAY_MS), { now: ctx.clock.now() })
    const res = await bookWithCredits(s, [s.child.id, sibling.id])
    expect(res.statusCode, res.body).toBe(201)
    const { booking, payment } = res.json()
    expect(payment).toBeNull()
    expect(booking).toMatchObject({ status: 'confirmed', payment_method: 'credits', seats: 2, credits_amount: 6, credits_refunded: 0, amount: 199_800 })
    expect(booking.hold_expires_at).toBeNull()
    expect(await balanceOf(s.parent.id)).toBe(4)
    const spend = (await entriesOf(s.parent.id)).at(-1)!
    expect(spend).toMatchObject({ entry_type: 'spend', delta: -6, balance_after: 4, booking_id: booking.id })
    expect(await db.select().from(invoices).where(eq(invoices.booking_id, booking.id))).toEqual([])
    expect(await seatsTaken(s.session.id)).toBe(2)
  })

  it('spends the credits that expire first', async () => {
    const s = await scene({ creditsPrice: 3 })
    await giveCredits(db, s.parent.id, 5, at(40 * DAY_MS), { now: ctx.clock.now() })
    await giveCredits(db, s.parent.id, 2, at(10 * DAY_MS), { now: ctx.clock.now() })
    expect((await bookWithCredits(s)).statusCode).toBe(201)
    const lots = await lotsOf(s.parent.id)
    expect(lots.map((l) => l.remaining)).toEqual([0, 4])
  })

  it('answers 409 INSUFFICIENT_CREDITS with no seat held, no booking and no ledger entry when the wallet is short', async () => {
    const s = await scene({ creditsPrice: 3 })
    await giveCredits(db, s.parent.id, 2, at(20 * DAY_MS), { now: ctx.clock.now() })
    const res = await bookWithCredits(s)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'INSUFFICIENT_CREDITS' })
    expect(await seatsTaken(s.session.id)).toBe(0)
    expect(await db.select().from(bookings).where(eq(bookings.user_id, s.parent.id))).toEqual([])
    expect((await entriesOf(s.parent.id)).map((e) => e.entry_type)).toEqual(['grant'])
    expect(await balanceOf(s.parent.id)).toBe(2)
  })

  it('never spends credits past their expiry, even before the expiry job ran', async () => {
    const s = await scene({ creditsPrice: 3, startsIn: 10 * DAY_MS })
    await giveCredits(db, s.parent.id, 5, at(DAY_MS), { now: ctx.clock.now() })
    ctx.clock.advance(2 * DAY_MS)
    try {
      const res = await bookWithCredits(s)
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({ code: 'INSUFFICIENT_CREDITS' })
    } finally {
      ctx.clock.advance(-2 * DAY_MS)
    }
  })

  it('answers 422 CREDITS_NOT_ACCEPTED for a plan option without a credits price', async () => {
    const s = await scene({ creditsPrice: null })
    await giveCredits(db, s.parent.id, 10, at(20 * DAY_MS), { now: ctx.clock.now() })
    const res = await bookWithCredits(s)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'CREDITS_NOT_ACCEPTED' })
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('replays the first answer for a retried Idempotency-Key and spends once', async () => {
    const s = await scene({ creditsPrice: 3 })
    await giveCredits(db, s.parent.id, 10, at(20 * DAY_MS), { now: ctx.clock.now() })
    const key = randomUUID()
    const first = await bookWithCredits(s, [s.child.id], key)
    const again = await bookWithCredits(s, [s.child.id], key)
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(first.json())
    expect(await balanceOf(s.parent.id)).toBe(7)
  })
})

describe('credits coming back', () => {
  it('a cancellation in time returns every credit into its own lot with its own expiry', async () => {
    const s = await scene({ creditsPrice: 3 })
    const expiry = at(20 * DAY_MS)
    await giveCredits(db, s.parent.id, 5, expiry, { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    const cancelled = await cancel(s, booking.id)
    // the refund is in credits, the unit that came back: no money goes back to the parent
    expect(cancelled).toMatchObject({ status: 'cancelled', credits_amount: 3, credits_refunded: 3, refund_status: 'processed', refund_amount: 0 })
    expect(await balanceOf(s.parent.id)).toBe(5)
    const refund = (await entriesOf(s.parent.id)).at(-1)!
    expect(refund).toMatchObject({ entry_type: 'refund', delta: 3, booking_id: booking.id, balance_after: 5 })
    expect(refund.expires_at!.toISOString()).toBe(expiry.toISOString())
    const lots = await lotsOf(s.parent.id)
    expect(lots.map((l) => [l.remaining, l.expires_at.toISOString()])).toEqual([[5, expiry.toISOString()]])
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('a late cancellation returns the policy’s share (50% → 1 of 3 credits, rounded down)', async () => {
    const s = await scene({ creditsPrice: 3, startsIn: 12 * HOUR_MS })
    await giveCredits(db, s.parent.id, 3, at(20 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    const cancelled = await cancel(s, booking.id)
    expect(cancelled).toMatchObject({ credits_refunded: 1, refund_amount: 0 })
    expect(await balanceOf(s.parent.id)).toBe(1)
  })

  it('the partner’s financials count the policy’s share of the money value as refunded, as for money', async () => {
    const s = await scene({ creditsPrice: 3, startsIn: 12 * HOUR_MS })
    await giveCredits(db, s.parent.id, 3, at(20 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    await cancel(s, booking.id)
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(row).toMatchObject({ refund_amount: 0, credits_refund_value: 49_950 })
    const res = await ctx.app.inject({ url: '/api/partner/financials/summary', headers: await authHeader(s.partner, ctx.clock) })
    expect(res.statusCode, res.body).toBe(200)
    // kept 49,950 → commission 7,492.5 → 7,493; settled, so all of it is payable
    expect(res.json()).toMatchObject({ bookings_count: 1, gross: 99_900, refunds: 49_950, commission: 7_493, net_earned: 42_457, payable_now: 42_457 })
  })

  it('credits whose expiry passed before the refund come back for the grace period (CREDIT_REFUND_GRACE_DAYS)', async () => {
    const s = await scene({ creditsPrice: 3, startsIn: 10 * DAY_MS })
    await giveCredits(db, s.parent.id, 3, at(2 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    ctx.clock.advance(3 * DAY_MS)
    try {
      await cancel(s, booking.id)
      const refund = (await entriesOf(s.parent.id)).at(-1)!
      const graceUntil = at(ctx.config.credits.refundGraceDays * DAY_MS).toISOString()
      expect(refund).toMatchObject({ entry_type: 'refund', delta: 3 })
      expect(refund.expires_at!.toISOString()).toBe(graceUntil)
      const lots = await lotsOf(s.parent.id)
      expect(lots.find((l) => l.remaining > 0)!.expires_at.toISOString()).toBe(graceUntil)
      expect(await balanceOf(s.parent.id)).toBe(3)
    } finally {
      ctx.clock.advance(-3 * DAY_MS)
    }
  })

  it('a partner cancelling the session returns all the credits', async () => {
    const s = await scene({ creditsPrice: 3, startsIn: 2 * HOUR_MS })
    await giveCredits(db, s.parent.id, 4, at(20 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    const res = await ctx.app.inject({ method: 'DELETE', url: `/api/partners/sessions/${s.session.id}`, headers: await authHeader(s.partner, ctx.clock) })
    expect(res.statusCode, res.body).toBe(200)
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(row).toMatchObject({ status: 'cancelled', cancelled_by: 'partner', credits_refunded: 3 })
    expect(await balanceOf(s.parent.id)).toBe(4)
  })

  it('unable to attend in time cancels a single booking and returns its credits', async () => {
    const s = await scene({ creditsPrice: 2, startsIn: 3 * DAY_MS })
    await giveCredits(db, s.parent.id, 2, at(20 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/bookings/${booking.id}/unable-to-attend`,
      headers: await authHeader(s.parent, ctx.clock),
      payload: { session_id: s.session.id, reason: 'Fever' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ outcome: 'refunded', refund_amount: 0, booking: { credits_refunded: 2, refund_amount: 0 } })
    expect(await balanceOf(s.parent.id)).toBe(2)
    const refunds = await db.select().from(creditLedger).where(and(eq(creditLedger.booking_id, booking.id), eq(creditLedger.entry_type, 'refund')))
    expect(refunds).toHaveLength(1)
  })

  it('cancelling twice gives nothing more back', async () => {
    const s = await scene({ creditsPrice: 3 })
    await giveCredits(db, s.parent.id, 3, at(20 * DAY_MS), { now: ctx.clock.now() })
    const booking = (await bookWithCredits(s)).json().booking
    await cancel(s, booking.id)
    const again = await ctx.app.inject({ method: 'POST', url: `/api/bookings/${booking.id}/cancel`, headers: await authHeader(s.parent, ctx.clock), payload: {} })
    expect(again.statusCode).toBe(409)
    expect(await balanceOf(s.parent.id)).toBe(3)
  })
})
