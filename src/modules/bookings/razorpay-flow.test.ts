// PAYMENTS_MODE=test end to end against the local fake Razorpay: order on booking, Checkout's signed verify, webhooks
// (confirm, replay, out-of-order, late capture), refunds through Razorpay, and a gateway that is down or slow.
import { createHmac, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { razorpayEvent, signRazorpayWebhook, startFakeRazorpay, type FakePayment, razorpayTestEnv } from '../../../test/fakes/razorpay-server.js'
import { badgeAwards, bookings, bookingSessions, extraPayments, sessions } from '../../db/schema/index.js'
import { createProviders } from '../../integrations/index.js'
import { createPaymentGateway } from '../../integrations/razorpay/index.js'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/clock.js'
import { REFUND_EXTRA_PAYMENT_JOB } from '../payments/index.js'
import { EVALUATE_BADGES_JOB } from '../badges/index.js'
import { EXPIRE_HOLD_JOB, REFUND_JOB } from './index.js'

const WEBHOOK_SECRET = 'whsec_flow_test_0123456789'
const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({
  env: {
    ...razorpayTestEnv(razorpay, WEBHOOK_SECRET),
    BOOKING_HOLD_MINUTES: '15',
    MAX_PENDING_BOOKINGS: '20',
  },
  // the real providers from config (the HTTP Razorpay client in test mode), with a short timeout for the timeout test
  providers: (config) => ({ ...createProviders(config, { logger: pino({ level: 'silent' }) }), paymentGateway: createPaymentGateway(config.payments, undefined, 1_500) }),
})
const { db } = ctx.database
const PRICE = 49_900

async function scene(options: { capacity?: number; startsIn?: number } = {}) {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id, { kind: 'single', price: PRICE })
  const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + (options.startsIn ?? 3 * DAY_MS)), { capacity: options.capacity ?? 5 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  return { listing, plan, session, parent, child }
}
type Scene = Awaited<ReturnType<typeof scene>>

async function book(s: Scene, parent = s.parent, childId = s.child.id, key = randomUUID()) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': key },
    payload: { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [childId] },
  })
}

async function bookOk(s: Scene) {
  const res = await book(s)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { booking: { id: string; status: string }; payment: { razorpay_order_id: string; amount: number; currency: string; key_id: string } }
}

const sign = (orderId: string, paymentId: string, secret = razorpay.keySecret) => createHmac('sha256', secret).update(`${orderId}|${paymentId}`).digest('hex')

async function verify(user: { id: string; role: 'customer' | 'partner' | 'admin' }, body: Record<string, string>) {
  return ctx.app.inject({ method: 'POST', url: '/api/payments/razorpay/verify', headers: await authHeader(user, ctx.clock), payload: body })
}

async function webhook(event: object, eventId = `evt_${randomUUID().replace(/-/g, '').slice(0, 14)}`) {
  const raw = JSON.stringify(event)
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/payments/razorpay/webhook',
    headers: { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook(raw, WEBHOOK_SECRET), 'x-razorpay-event-id': eventId },
    payload: raw,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { status: string }
}
const captured = (payment: FakePayment) => razorpayEvent('payment.captured', { payment })

const bookingRow = async (id: string) => (await db.select().from(bookings).where(eq(bookings.id, id)))[0]!
const seatsTaken = async (id: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, id)))[0]!.n
const seatStatuses = async (bookingId: string) => (await db.select().from(bookingSessions).where(eq(bookingSessions.booking_id, bookingId))).map((r) => r.status)

async function expireHolds() {
  ctx.clock.advance(16 * MINUTE_MS)
  await ctx.jobs.drain(EXPIRE_HOLD_JOB)
}

describe('POST /api/bookings with PAYMENTS_MODE=test', () => {
  it('answers the hold with a Razorpay order created on the gateway (Basic auth, paise, receipt and notes = booking id); a retry replays it', async () => {
    const s = await scene()
    const key = randomUUID()
    const res = await book(s, s.parent, s.child.id, key)
    expect(res.statusCode, res.body).toBe(201)
    const { booking, payment } = res.json()
    expect(booking).toMatchObject({ status: 'pending_payment', payment_method: 'razorpay', amount: PRICE })
    expect(payment).toEqual({ razorpay_order_id: expect.stringMatching(/^order_/), amount: PRICE, currency: 'INR', key_id: razorpay.keyId })
    const order = razorpay.orders.get(payment.razorpay_order_id)
    expect(order).toMatchObject({ amount: PRICE, currency: 'INR', receipt: booking.id, notes: { booking_id: booking.id } })
    const calls = razorpay.requests.filter((r) => r.method === 'POST' && r.path === '/v1/orders')
    expect(calls.every((r) => r.authorized)).toBe(true)
    expect((await bookingRow(booking.id)).razorpay_order_id).toBe(payment.razorpay_order_id)

    const ordersBefore = razorpay.orders.size
    const again = await book(s, s.parent, s.child.id, key)
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(res.json())
    expect(razorpay.orders.size).toBe(ordersBefore)
  })

  it('releases the hold and answers 503 PAYMENT_GATEWAY_UNAVAILABLE when Razorpay fails (500) or times out; a retry with the same key books afresh', async () => {
    const s = await scene({ capacity: 1 })
    const key = randomUUID()
    razorpay.failNext(500)
    const failed = await book(s, s.parent, s.child.id, key)
    expect(failed.statusCode).toBe(503)
    expect(failed.json().code).toBe('PAYMENT_GATEWAY_UNAVAILABLE')
    expect(await seatsTaken(s.session.id)).toBe(0)

    razorpay.delayNext(4_000)
    const slow = await book(s, s.parent, s.child.id, key)
    expect(slow.statusCode).toBe(503)
    expect(slow.json().code).toBe('PAYMENT_GATEWAY_UNAVAILABLE')
    expect(await seatsTaken(s.session.id)).toBe(0)
    const cancelled = await db.select().from(bookings).where(eq(bookings.session_id, s.session.id))
    expect(cancelled.map((b) => b.status)).toEqual(['cancelled', 'cancelled'])

    // the idempotency record never replays a success that did not happen: the same key books now that Razorpay is back
    const retry = await book(s, s.parent, s.child.id, key)
    expect(retry.statusCode, retry.body).toBe(201)
    expect(retry.json().payment.razorpay_order_id).toMatch(/^order_/)
    expect(await seatsTaken(s.session.id)).toBe(1)
  })
})

describe('POST /api/payments/razorpay/verify', () => {
  it('confirms with a correct signature; verifying again returns the same confirmed booking', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const body = { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: sign(payment.razorpay_order_id, paid.id) }
    const res = await verify(s.parent, body)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ id: booking.id, status: 'confirmed', hold_expires_at: null })
    const again = await verify(s.parent, body)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(res.json())
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'confirmed', payment_ref: paid.id })
    expect(await seatStatuses(booking.id)).toEqual(['booked'])
    expect(await seatsTaken(s.session.id)).toBe(1)
  })

  it('a hold earns no badge; the verified payment enqueues the parent’s badge evaluation in its transaction', async () => {
    const s = await scene()
    const { payment } = await bookOk(s)
    const awards = () => db.select().from(badgeAwards).where(eq(badgeAwards.user_id, s.parent.id))
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    expect(await awards()).toEqual([])
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const res = await verify(s.parent, { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: sign(payment.razorpay_order_id, paid.id) })
    expect(res.statusCode, res.body).toBe(200)
    await ctx.jobs.drain(EVALUATE_BADGES_JOB)
    expect(await awards()).toMatchObject([{ child_id: null, progress: 1 }])
  })

  it('refuses a wrong signature with 400 INVALID_SIGNATURE and leaves the booking pending', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const wrong = [
      sign(payment.razorpay_order_id, paid.id, 'another-secret'),
      sign('order_someoneelse', paid.id),
      sign(payment.razorpay_order_id, paid.id).slice(0, 40),
      'zz',
    ]
    for (const signature of wrong) {
      const res = await verify(s.parent, { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: signature })
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('INVALID_SIGNATURE')
    }
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'pending_payment', payment_ref: null })
  })

  it('answers 404 for another customer’s order or an unknown one, 401 without a token, 422 for a bad body', async () => {
    const s = await scene()
    const { payment } = await bookOk(s)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const body = { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: sign(payment.razorpay_order_id, paid.id) }
    const stranger = await createUser(db)
    expect((await verify(stranger, body)).statusCode).toBe(404)
    expect((await verify(s.parent, { ...body, razorpay_order_id: 'order_unknown0000' })).statusCode).toBe(404)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/payments/razorpay/verify', payload: body })).statusCode).toBe(401)
    expect((await verify(s.parent, { razorpay_order_id: payment.razorpay_order_id })).statusCode).toBe(422)
    expect((await bookingRow((await db.select().from(bookings).where(eq(bookings.razorpay_order_id, payment.razorpay_order_id)))[0]!.id)).status).toBe('pending_payment')
  })
})

describe('a verified payment after the hold expired', () => {
  it('on a full session answers 409 BOOKING_HOLD_EXPIRED and refunds in full through Razorpay, once', async () => {
    const s = await scene({ capacity: 1 })
    const { booking, payment } = await bookOk(s)
    await expireHolds()
    const other = await createUser(db)
    expect((await book(s, other, (await createChild(db, other.id)).id)).statusCode).toBe(201)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const body = { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: sign(payment.razorpay_order_id, paid.id) }
    for (let i = 0; i < 2; i++) {
      const res = await verify(s.parent, body)
      expect(res.statusCode).toBe(409)
      expect(res.json().code).toBe('BOOKING_HOLD_EXPIRED')
    }
    await ctx.jobs.drain(REFUND_JOB)
    expect([...razorpay.refunds.values()].filter((r) => r.payment_id === paid.id).map((r) => r.amount)).toEqual([PRICE])
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'expired', payment_ref: paid.id, refund_amount: PRICE, refund_status: 'processed' })
    expect(await seatsTaken(s.session.id)).toBe(1)
  })
})

describe('Razorpay webhooks on bookings', () => {
  it('a second payment on an already paid order is refunded in full, once, and the booking keeps the first', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const first = razorpay.markOrderPaid(payment.razorpay_order_id)
    await webhook(captured(first))
    const confirmed = await bookingRow(booking.id)
    const second = razorpay.markOrderPaid(payment.razorpay_order_id)
    const eventId = `evt_${randomUUID().slice(0, 8)}`
    await webhook(captured(second), eventId)
    await webhook(captured(second), eventId)
    // Checkout's answer for the second payment arrives too: still the same booking, nothing more to refund
    const res = await verify(s.parent, { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: second.id, razorpay_signature: sign(payment.razorpay_order_id, second.id) })
    expect(res.statusCode).toBe(200)
    await ctx.jobs.drain(REFUND_EXTRA_PAYMENT_JOB)
    const refunds = [...razorpay.refunds.values()]
    expect(refunds.filter((r) => r.payment_id === second.id).map((r) => r.amount)).toEqual([PRICE])
    expect(refunds.filter((r) => r.payment_id === first.id)).toEqual([])
    const [extra] = await db.select().from(extraPayments).where(eq(extraPayments.payment_id, second.id))
    expect(extra).toMatchObject({ subject_type: 'booking', subject_id: booking.id, amount: PRICE, refund_status: 'processed' })
    expect(await bookingRow(booking.id)).toEqual(confirmed)
  })

  it('payment.captured confirms; a replay and the matching order.paid change nothing', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const eventId = `evt_${randomUUID().slice(0, 8)}`
    expect(await webhook(captured(paid), eventId)).toEqual({ status: 'processed' })
    const confirmed = await bookingRow(booking.id)
    expect(confirmed).toMatchObject({ status: 'confirmed', payment_ref: paid.id })
    expect(await webhook(captured(paid), eventId)).toEqual({ status: 'duplicate' })
    ctx.clock.advance(MINUTE_MS)
    const order = razorpay.orders.get(payment.razorpay_order_id)!
    expect(await webhook(razorpayEvent('order.paid', { payment: paid, order }))).toEqual({ status: 'processed' })
    expect(await bookingRow(booking.id)).toEqual(confirmed)
    expect(await seatsTaken(s.session.id)).toBe(1)
  })

  it('failed then captured ends confirmed; the failure keeps the hold', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    await webhook(razorpayEvent('payment.failed', { payment: razorpay.failOrderPayment(payment.razorpay_order_id) }))
    const afterFailure = await bookingRow(booking.id)
    expect(afterFailure).toMatchObject({ status: 'pending_payment', payment_ref: null })
    expect(afterFailure.payment_failed_at).toBeInstanceOf(Date)
    expect(await seatsTaken(s.session.id)).toBe(1)
    await webhook(captured(razorpay.markOrderPaid(payment.razorpay_order_id)))
    expect((await bookingRow(booking.id)).status).toBe('confirmed')
  })

  it('captured then failed (out of order) stays confirmed', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const failed = razorpay.failOrderPayment(payment.razorpay_order_id)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    await webhook(captured(paid))
    await webhook(razorpayEvent('payment.failed', { payment: failed }))
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'confirmed', payment_ref: paid.id, payment_failed_at: null })
  })

  it('ignores a payment whose amount or currency does not match the booking', async () => {
    const s = await scene()
    const { booking, payment } = await bookOk(s)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    expect(await webhook(captured({ ...paid, amount: 100 }))).toEqual({ status: 'processed' })
    expect(await webhook(captured({ ...paid, currency: 'USD' }))).toEqual({ status: 'processed' })
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'pending_payment', payment_ref: null })
  })

  it('a capture after the hold expired re-takes a free seat and confirms', async () => {
    const s = await scene({ capacity: 1 })
    const { booking, payment } = await bookOk(s)
    await expireHolds()
    expect((await bookingRow(booking.id)).status).toBe('expired')
    expect(await seatsTaken(s.session.id)).toBe(0)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    await webhook(captured(paid))
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'confirmed', payment_ref: paid.id, refund_status: null })
    expect(await seatStatuses(booking.id)).toEqual(['booked'])
    expect(await seatsTaken(s.session.id)).toBe(1)
  })

  it('a capture after the hold expired on a full session is refunded in full through Razorpay', async () => {
    const s = await scene({ capacity: 1 })
    const { booking, payment } = await bookOk(s)
    await expireHolds()
    // someone else takes the last seat meanwhile
    const other = await createUser(db)
    const otherChild = await createChild(db, other.id)
    expect((await book(s, other, otherChild.id)).statusCode).toBe(201)
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    await webhook(captured(paid))
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'expired', payment_ref: paid.id, refund_amount: PRICE, refund_status: 'pending' })
    expect(await seatsTaken(s.session.id)).toBe(1)

    expect(await ctx.jobs.drain(REFUND_JOB)).toBeGreaterThanOrEqual(1)
    const refunds = [...razorpay.refunds.values()].filter((r) => r.payment_id === paid.id)
    expect(refunds).toHaveLength(1)
    expect(refunds[0]).toMatchObject({ amount: PRICE, notes: { booking_id: booking.id } })
    const call = razorpay.requests.find((r) => r.path === `/v1/payments/${paid.id}/refund`)
    expect(call).toMatchObject({ authorized: true, idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{10,}$/) })
    expect(await bookingRow(booking.id)).toMatchObject({ status: 'expired', refund_status: 'processed', refund_ref: refunds[0]!.id })

    // the same capture again (another event id) refunds nothing more
    await webhook(razorpayEvent('order.paid', { payment: paid, order: razorpay.orders.get(payment.razorpay_order_id) }))
    await ctx.jobs.drain(REFUND_JOB)
    expect([...razorpay.refunds.values()].filter((r) => r.payment_id === paid.id)).toHaveLength(1)
  })
})

describe('refunds of Razorpay-paid bookings', () => {
  it('a cancellation refunds the policy amount through Razorpay; refund.processed settles a pending one, refund.failed never undoes it', async () => {
    razorpay.setRefundStatus('pending')
    try {
      // 12 hours ahead: the default policy refunds 50%
      const s = await scene({ startsIn: 12 * HOUR_MS })
      const { booking, payment } = await bookOk(s)
      const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
      expect((await verify(s.parent, { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: sign(payment.razorpay_order_id, paid.id) })).statusCode).toBe(200)
      const res = await ctx.app.inject({ method: 'POST', url: `/api/bookings/${booking.id}/cancel`, headers: await authHeader(s.parent, ctx.clock), payload: { reason: 'Fever' } })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ status: 'cancelled', refund_amount: PRICE / 2, refund_status: 'pending' })
      const refund = [...razorpay.refunds.values()].find((r) => r.payment_id === paid.id)!
      expect(refund).toMatchObject({ amount: PRICE / 2, status: 'pending' })
      expect(razorpay.requests.find((r) => r.path === `/v1/payments/${paid.id}/refund`)?.idempotencyKey).toBe(`refund-${booking.id}-${PRICE / 2}`)
      expect((await bookingRow(booking.id)).refund_ref).toBe(refund.id)

      await webhook(razorpayEvent('refund.processed', { refund: { ...refund, status: 'processed' }, payment: paid }))
      expect(await bookingRow(booking.id)).toMatchObject({ refund_status: 'processed', refund_ref: refund.id })
      await webhook(razorpayEvent('refund.failed', { refund: { ...refund, status: 'failed' }, payment: paid }))
      expect((await bookingRow(booking.id)).refund_status).toBe('processed')
    } finally {
      razorpay.setRefundStatus('processed')
    }
  })

  it('refund.failed marks a pending refund failed', async () => {
    razorpay.setRefundStatus('pending')
    try {
      const s = await scene()
      const { booking, payment } = await bookOk(s)
      const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
      await webhook(captured(paid))
      await ctx.app.inject({ method: 'POST', url: `/api/bookings/${booking.id}/cancel`, headers: await authHeader(s.parent, ctx.clock), payload: {} })
      const refund = [...razorpay.refunds.values()].find((r) => r.payment_id === paid.id)!
      expect(refund.amount).toBe(PRICE)
      await webhook(razorpayEvent('refund.failed', { refund: { ...refund, status: 'failed' } }))
      expect(await bookingRow(booking.id)).toMatchObject({ status: 'cancelled', refund_status: 'failed', refund_ref: refund.id })
    } finally {
      razorpay.setRefundStatus('processed')
    }
  })
})

describe('bookings that need no Razorpay order in test mode', () => {
  const ordersBefore = () => razorpay.orders.size

  it('a free plan option confirms at once as payment_method free, with no order', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 0 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const orders = ordersBefore()
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/bookings', headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ booking: { status: 'confirmed', payment_method: 'free', amount: 0, hold_expires_at: null }, payment: null })
    expect(razorpay.orders.size).toBe(orders)
  })

  it('paying with credits confirms at once, with no order', async () => {
    const s = await scene()
    const plan = await createPlanOption(db, s.listing.id, { kind: 'single', price: PRICE, credits_price: 2 })
    await giveCredits(db, s.parent.id, 2, new Date(ctx.clock.now().getTime() + 20 * DAY_MS), { now: ctx.clock.now() })
    const orders = ordersBefore()
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/bookings', headers: { ...(await authHeader(s.parent, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: s.listing.id, plan_option_id: plan.id, session_id: s.session.id, child_ids: [s.child.id], payment_method: 'credits' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ booking: { status: 'confirmed', payment_method: 'credits', credits_amount: 2 }, payment: null })
    expect(razorpay.orders.size).toBe(orders)
  })
})
