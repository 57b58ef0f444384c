// PAYMENTS_MODE=test without the Razorpay step: bookings wait as seat holds until confirmBooking or the expiry job.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeRazorpay } from '../../../test/fakes/razorpay-server.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { bookingSessions, bookings, sessions } from '../../db/schema/index.js'
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'
import { uuidGenerator } from '../../shared/ids.js'
import { createMockRefunds } from '../payments/index.js'
import { createBookingsService, EXPIRE_HOLD_JOB } from './index.js'

// the booking answer carries a Razorpay order: a local fake Razorpay creates them
const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({
  env: {
    PAYMENTS_MODE: 'test', BOOKING_HOLD_MINUTES: '15', MAX_PENDING_BOOKINGS: '2',
    RAZORPAY_KEY_ID: razorpay.keyId, RAZORPAY_KEY_SECRET: razorpay.keySecret, RAZORPAY_WEBHOOK_SECRET: 'whsec_holds_test_0123456789', RAZORPAY_API_BASE: razorpay.baseUrl,
  },
})
const { db } = ctx.database
const service = createBookingsService({
  db, clock: ctx.clock, ids: uuidGenerator, jobs: ctx.jobs, refunds: createMockRefunds(uuidGenerator), paymentsMode: 'test',
  holdMinutes: 15, maxPendingHolds: 2, maxReschedules: 2,
})

async function scene() {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id, { kind: 'trial', price: 19_900 })
  const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS), { capacity: 3 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  return { listing, plan, session, parent, child }
}

async function hold(s: Awaited<ReturnType<typeof scene>>, childId = s.child.id) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...(await authHeader(s.parent, ctx.clock)), 'idempotency-key': randomUUID() },
    payload: { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [childId] },
  })
}

const seatsTaken = async (id: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, id)))[0]!.n

describe('seat holds while a payment is pending', () => {
  it('holds the seat for BOOKING_HOLD_MINUTES; the expiry job gives it back once, and a second run changes nothing', async () => {
    const s = await scene()
    const res = await hold(s)
    expect(res.statusCode, res.body).toBe(201)
    const booking = res.json().booking
    expect(booking).toMatchObject({ status: 'pending_payment', payment_method: 'razorpay', hold_expires_at: new Date(ctx.clock.now().getTime() + 15 * MINUTE_MS).toISOString() })
    expect(booking.sessions[0].status).toBe('held')
    expect(await seatsTaken(s.session.id)).toBe(1)

    // not yet due by the app's clock: the job leaves it alone
    expect(await service.expireHold(booking.id)).toBe('not_due')
    ctx.clock.advance(16 * MINUTE_MS)
    try {
      expect(await ctx.jobs.drain(EXPIRE_HOLD_JOB)).toBeGreaterThanOrEqual(1)
      const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
      expect(row!.status).toBe('expired')
      expect(await seatsTaken(s.session.id)).toBe(0)
      expect(await service.expireHold(booking.id)).toBe('unchanged')
      await ctx.jobs.drain(EXPIRE_HOLD_JOB)
      expect(await seatsTaken(s.session.id)).toBe(0)
      const seats = await db.select().from(bookingSessions).where(eq(bookingSessions.booking_id, booking.id))
      expect(seats.map((x) => x.status)).toEqual(['released'])
      // the trial it claimed is free again
      expect((await hold(s)).statusCode).toBe(201)
    } finally {
      ctx.clock.advance(-16 * MINUTE_MS)
    }
  })

  it('confirmBooking turns the hold into a booking; a confirmed booking never expires', async () => {
    const s = await scene()
    const booking = (await hold(s)).json().booking
    expect(await db.transaction((tx) => service.confirmBooking(tx, booking.id, 'pay_123'))).toBe('confirmed')
    expect(await db.transaction((tx) => service.confirmBooking(tx, booking.id, 'pay_123'))).toBe('already_confirmed')
    ctx.clock.advance(20 * MINUTE_MS)
    try {
      expect(await service.expireHold(booking.id)).toBe('unchanged')
      expect(await service.expireDueHolds()).toBe(0)
    } finally {
      ctx.clock.advance(-20 * MINUTE_MS)
    }
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(row).toMatchObject({ status: 'confirmed', payment_ref: 'pay_123', hold_expires_at: null })
    expect((await db.select().from(bookingSessions).where(eq(bookingSessions.booking_id, booking.id)))[0]!.status).toBe('booked')
    expect(await seatsTaken(s.session.id)).toBe(1)
  })

  it('an expired hold cannot be confirmed (409 BOOKING_HOLD_EXPIRED), and the sweeper expires due holds', async () => {
    const s = await scene()
    const booking = (await hold(s)).json().booking
    ctx.clock.advance(16 * MINUTE_MS)
    try {
      expect(await service.expireDueHolds()).toBeGreaterThanOrEqual(1)
    } finally {
      ctx.clock.advance(-16 * MINUTE_MS)
    }
    await expect(db.transaction((tx) => service.confirmBooking(tx, booking.id, 'pay_late'))).rejects.toMatchObject({ code: 'BOOKING_HOLD_EXPIRED' })
    expect(await seatsTaken(s.session.id)).toBe(0)
  })

  it('caps one parent’s unpaid holds (429 TOO_MANY_PENDING_BOOKINGS with Retry-After); cancelling a hold refunds nothing', async () => {
    const s = await scene()
    const kids = await Promise.all([createChild(db, s.parent.id), createChild(db, s.parent.id)])
    const first = (await hold(s)).json().booking
    expect((await hold(s, kids[0]!.id)).statusCode).toBe(201)
    const third = await hold(s, kids[1]!.id)
    expect(third.statusCode).toBe(429)
    expect(third.json().code).toBe('TOO_MANY_PENDING_BOOKINGS')
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
    expect(await seatsTaken(s.session.id)).toBe(2)
    const cancelled = await ctx.app.inject({ method: 'POST', url: `/api/bookings/${first.id}/cancel`, headers: await authHeader(s.parent, ctx.clock), payload: {} })
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refund_amount: 0, refund_status: null })
    expect((await hold(s, kids[1]!.id)).statusCode).toBe(201)
  })
})

describe('refunds the RefundPort could not make at once', () => {
  it('stay pending and are settled by the sweeper once the port answers', async () => {
    let up = false
    const flaky = createBookingsService({
      db, clock: ctx.clock, ids: uuidGenerator, jobs: ctx.jobs, paymentsMode: 'test', holdMinutes: 15, maxPendingHolds: 2, maxReschedules: 2,
      refunds: {
        async refund() {
          if (!up) throw new Error('gateway down')
          return { status: 'processed', refund_ref: 'rfnd_1' }
        },
      },
    })
    const s = await scene()
    const booking = (await hold(s)).json().booking
    await db.transaction((tx) => flaky.confirmBooking(tx, booking.id, 'pay_1'))
    const cancelled = await flaky.cancelBooking(s.parent.id, booking.id, 'Plans changed')
    expect(cancelled).toMatchObject({ status: 'cancelled', refund_amount: 19_900, refund_status: 'pending' })
    expect(await seatsTaken(s.session.id)).toBe(0)
    expect(await flaky.settlePendingRefunds()).toBe(0)
    up = true
    expect(await flaky.settlePendingRefunds()).toBeGreaterThanOrEqual(1)
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(row).toMatchObject({ refund_status: 'processed', refund_ref: 'rfnd_1' })
  })
})
