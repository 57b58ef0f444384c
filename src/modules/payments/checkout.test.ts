// Checkout's own record (payment_intents, payment_refunds) through the API against the local fake Razorpay: one intent per
// paid subject, captured once, failed attempts, refunds summed exactly from Razorpay's refund ids, and dispatch by subject.
import { createHmac, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { razorpayEvent, signRazorpayWebhook, startFakeRazorpay, razorpayTestEnv } from '../../../test/fakes/razorpay-server.js'
import { creditPlans, paymentIntents, paymentRefunds } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { REFUND_EXTRA_PAYMENT_JOB } from './index.js'

const WEBHOOK_SECRET = 'whsec_checkout_test_0123456789'
const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({
  env: {
    ...razorpayTestEnv(razorpay, WEBHOOK_SECRET),
  },
})
const { db } = ctx.database
const PRICE = 60_000
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

const sign = (orderId: string, paymentId: string) => createHmac('sha256', razorpay.keySecret).update(`${orderId}|${paymentId}`).digest('hex')
const verifyBody = (orderId: string, paymentId: string) => ({ razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: sign(orderId, paymentId) })
const intentOf = async (orderId: string) => (await db.select().from(paymentIntents).where(eq(paymentIntents.razorpay_order_id, orderId)))[0]!
const refundsOf = (intentId: string) => db.select().from(paymentRefunds).where(eq(paymentRefunds.intent_id, intentId))

async function call(method: 'POST' | 'PUT', url: string, user: Caller, payload: object, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method, url, headers: { ...(await authHeader(user, ctx.clock)), ...headers }, payload })
}

async function webhook(event: object) {
  const raw = JSON.stringify(event)
  const headers = { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook(raw, WEBHOOK_SECRET), 'x-razorpay-event-id': `evt_${randomUUID().slice(0, 18)}` }
  const res = await ctx.app.inject({ method: 'POST', url: '/api/payments/razorpay/webhook', headers, payload: raw })
  expect(res.statusCode, res.body).toBe(200)
}

async function heldBooking() {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id, { kind: 'single', price: PRICE })
  const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 5 * DAY_MS), { capacity: 4 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  const payload = { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] }
  const res = await call('POST', '/api/bookings', parent, payload, { 'idempotency-key': randomUUID() })
  expect(res.statusCode, res.body).toBe(201)
  const body = res.json() as { booking: { id: string }; payment: { razorpay_order_id: string } }
  return { parent, bookingId: body.booking.id, orderId: body.payment.razorpay_order_id }
}

describe('payment intents', () => {
  it('records one intent per booking order, captured once by verify, then a cancellation refund summed from its refund id', async () => {
    const { parent, bookingId, orderId } = await heldBooking()
    expect(await intentOf(orderId)).toMatchObject({
      subject_type: 'booking', subject_id: bookingId, user_id: parent.id, amount: PRICE, currency: 'INR', status: 'created', razorpay_payment_id: null, captured_amount: 0,
    })
    const paid = razorpay.markOrderPaid(orderId)
    expect((await call('POST', '/api/payments/razorpay/verify', parent, verifyBody(orderId, paid.id))).statusCode).toBe(200)
    // the same payment again, by verify and by webhook, captures nothing more
    expect((await call('POST', '/api/payments/razorpay/verify', parent, verifyBody(orderId, paid.id))).statusCode).toBe(200)
    await webhook(razorpayEvent('payment.captured', { payment: paid }))
    const intent = await intentOf(orderId)
    expect(intent).toMatchObject({ status: 'captured', razorpay_payment_id: paid.id, captured_amount: PRICE, refunded_amount: 0 })

    // five days out: the default policy refunds in full, through Razorpay, recorded on the intent by its refund id
    expect((await call('POST', `/api/bookings/${bookingId}/cancel`, parent, { reason: 'Plans changed' })).statusCode).toBe(200)
    const [refund] = await refundsOf(intent.id)
    expect(refund).toMatchObject({ amount: PRICE, status: 'processed' })
    expect(await intentOf(orderId)).toMatchObject({ status: 'refunded', refunded_amount: PRICE })
    // Razorpay's own news of the same refund does not count it twice
    const gatewayRefund = razorpay.refunds.get(refund!.refund_id)!
    await webhook(razorpayEvent('refund.processed', { refund: { ...gatewayRefund, status: 'processed' }, payment: paid }))
    expect(await refundsOf(intent.id)).toHaveLength(1)
    expect(await intentOf(orderId)).toMatchObject({ status: 'refunded', refunded_amount: PRICE })
  })

  it('marks a failed attempt, which a later capture of the same order replaces', async () => {
    const { orderId } = await heldBooking()
    await webhook(razorpayEvent('payment.failed', { payment: razorpay.failOrderPayment(orderId) }))
    expect((await intentOf(orderId)).status).toBe('failed')
    const paid = razorpay.markOrderPaid(orderId)
    await webhook(razorpayEvent('payment.captured', { payment: paid }))
    expect(await intentOf(orderId)).toMatchObject({ status: 'captured', razorpay_payment_id: paid.id, captured_amount: PRICE })
  })

  it('ignores a capture whose amount is not the order’s', async () => {
    const { orderId } = await heldBooking()
    const paid = razorpay.markOrderPaid(orderId)
    await webhook(razorpayEvent('payment.captured', { payment: { ...paid, amount: PRICE - 1 } }))
    expect(await intentOf(orderId)).toMatchObject({ status: 'created', captured_amount: 0, razorpay_payment_id: null })
  })

  it('answers 404 PAYMENT_ORDER_NOT_FOUND for an order nobody made, and 404 for another parent’s order', async () => {
    const { orderId } = await heldBooking()
    const paid = razorpay.markOrderPaid(orderId)
    const stranger = await createUser(db)
    const unknown = await call('POST', '/api/payments/razorpay/verify', stranger, verifyBody('order_nobody00000', paid.id))
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('PAYMENT_ORDER_NOT_FOUND')
    const foreign = await call('POST', '/api/payments/razorpay/verify', stranger, verifyBody(orderId, paid.id))
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().code).toBe('BOOKING_NOT_FOUND')
    expect((await intentOf(orderId)).status).toBe('created')
  })

  it('refunds a second payment on a paid purchase’s order with the purchase named in the refund’s notes', async () => {
    const [plan] = await db.insert(creditPlans).values({ name: `Checkout ${randomUUID().slice(0, 6)}`, credits: 10, bonus_credits: 0, price: PRICE, validity_days: 30 }).returning()
    const parent = await createUser(db)
    const res = await call('POST', '/api/subscribe-plan', parent, { plan_id: plan!.id }, { 'idempotency-key': randomUUID() })
    expect(res.statusCode, res.body).toBe(201)
    const { purchase, payment } = res.json() as { purchase: { id: string }; payment: { razorpay_order_id: string } }
    expect(await intentOf(payment.razorpay_order_id)).toMatchObject({ subject_type: 'credit_purchase', subject_id: purchase.id, amount: PRICE })
    await webhook(razorpayEvent('payment.captured', { payment: razorpay.markOrderPaid(payment.razorpay_order_id) }))
    const second = razorpay.markOrderPaid(payment.razorpay_order_id)
    await webhook(razorpayEvent('payment.captured', { payment: second }))
    await ctx.jobs.drain(REFUND_EXTRA_PAYMENT_JOB)
    const refund = [...razorpay.refunds.values()].find((r) => r.payment_id === second.id)
    expect(refund).toMatchObject({ amount: PRICE, notes: { credit_purchase_id: purchase.id } })
    // the intent keeps the payment that paid it; the extra one is not its refund
    expect(await intentOf(payment.razorpay_order_id)).toMatchObject({ status: 'captured', captured_amount: PRICE, refunded_amount: 0 })
  })
})
