// Buying a credit plan with PAYMENTS_MODE=test against the local fake Razorpay: the order after the purchase commits,
// Checkout's signed verify and the webhook each granting once, and a gateway that is down.
import { createHmac, randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { razorpayEvent, signRazorpayWebhook, startFakeRazorpay, type FakePayment, razorpayTestEnv } from '../../../test/fakes/razorpay-server.js'
import { creditLedger, creditPlans, creditPurchases, extraPayments, invoices } from '../../db/schema/index.js'
import { createProviders } from '../../integrations/index.js'
import { createPaymentGateway } from '../../integrations/razorpay/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { SWEEP_HOLDS_JOB } from '../bookings/index.js'
import { REFUND_EXTRA_PAYMENT_JOB } from '../payments/index.js'

const WEBHOOK_SECRET = 'whsec_credits_test_0123456789'
const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({
  env: {
    ...razorpayTestEnv(razorpay, WEBHOOK_SECRET),
    PLATFORM_GSTIN: '29ABCDE1234F1Z5',
  },
  providers: (config) => ({ ...createProviders(config, { logger: pino({ level: 'silent' }) }), paymentGateway: createPaymentGateway(config.payments, undefined, 1_500) }),
})
const { db } = ctx.database
const PRICE = 149_900

type Customer = { id: string; role: 'customer' | 'partner' | 'admin' }
interface PurchaseAnswer {
  purchase: { id: string; status: string; razorpay_order_id: string | null; paid_at: string | null; expires_at: string | null }
  wallet: { balance: number }
  invoice_id: string | null
  payment: { razorpay_order_id: string; amount: number; currency: string; key_id: string } | null
}

async function createPlan() {
  const [row] = await db.insert(creditPlans).values({ name: `Starter ${randomUUID().slice(0, 6)}`, credits: 12, bonus_credits: 2, price: PRICE, validity_days: 30 }).returning()
  return row!
}

async function subscribe(parent: Customer, planId: string, key = randomUUID()) {
  return ctx.app.inject({ method: 'POST', url: '/api/subscribe-plan', headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': key }, payload: { plan_id: planId } })
}

async function pendingPurchase() {
  const parent = await createUser(db)
  const plan = await createPlan()
  const res = await subscribe(parent, plan.id)
  expect(res.statusCode, res.body).toBe(201)
  const answer = res.json() as PurchaseAnswer
  return { parent, plan, answer, orderId: answer.payment!.razorpay_order_id }
}

const sign = (orderId: string, paymentId: string) => createHmac('sha256', razorpay.keySecret).update(`${orderId}|${paymentId}`).digest('hex')
const verifyBody = (orderId: string, paymentId: string) => ({ razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: sign(orderId, paymentId) })

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

const purchaseRow = async (id: string) => (await db.select().from(creditPurchases).where(eq(creditPurchases.id, id)))[0]!
const entriesOf = (userId: string) => db.select().from(creditLedger).where(eq(creditLedger.user_id, userId)).orderBy(asc(creditLedger.seq))
const invoiceCount = async (purchaseId: string) => (await db.select().from(invoices).where(eq(invoices.credit_purchase_id, purchaseId))).length

describe('POST /api/subscribe-plan with PAYMENTS_MODE=test', () => {
  it('answers with a Razorpay order for the plan’s price and grants nothing yet; a retry with the key replays it', async () => {
    const parent = await createUser(db)
    const plan = await createPlan()
    const key = randomUUID()
    const res = await subscribe(parent, plan.id, key)
    expect(res.statusCode, res.body).toBe(201)
    const answer = res.json() as PurchaseAnswer
    expect(answer).toMatchObject({
      purchase: { status: 'pending_payment', payment_method: 'razorpay', amount: PRICE, paid_at: null, expires_at: null },
      wallet: { balance: 0 },
      invoice_id: null,
      payment: { razorpay_order_id: expect.stringMatching(/^order_/), amount: PRICE, currency: 'INR', key_id: razorpay.keyId },
    })
    expect(answer.purchase.razorpay_order_id).toBe(answer.payment!.razorpay_order_id)
    expect(razorpay.orders.get(answer.payment!.razorpay_order_id)).toMatchObject({ amount: PRICE, currency: 'INR', receipt: answer.purchase.id, notes: { credit_purchase_id: answer.purchase.id } })
    expect(await entriesOf(parent.id)).toEqual([])

    const ordersBefore = razorpay.orders.size
    const again = await subscribe(parent, plan.id, key)
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(answer)
    expect(razorpay.orders.size).toBe(ordersBefore)
  })

  it('fails the purchase with 503 PAYMENT_GATEWAY_UNAVAILABLE when the order cannot be created (error or timeout); the same key then buys afresh', async () => {
    const parent = await createUser(db)
    const plan = await createPlan()
    const key = randomUUID()
    razorpay.failNext(500)
    const failed = await subscribe(parent, plan.id, key)
    expect(failed.statusCode).toBe(503)
    expect(failed.json().code).toBe('PAYMENT_GATEWAY_UNAVAILABLE')
    razorpay.delayNext(4_000)
    const slow = await subscribe(parent, plan.id, key)
    expect(slow.statusCode).toBe(503)
    const rows = () => db.select().from(creditPurchases).where(eq(creditPurchases.user_id, parent.id))
    expect((await rows()).map((r) => [r.status, r.razorpay_order_id])).toEqual([['failed', null], ['failed', null]])

    const retry = await subscribe(parent, plan.id, key)
    expect(retry.statusCode, retry.body).toBe(201)
    expect(retry.json().payment.razorpay_order_id).toMatch(/^order_/)
    expect((await rows()).map((r) => r.status).sort()).toEqual(['failed', 'failed', 'pending_payment'])
    expect(await entriesOf(parent.id)).toEqual([])
  })
})

describe('POST /api/payments/razorpay/verify for a credit purchase', () => {
  it('grants the credits once with a correct signature; verifying again answers the same paid purchase', async () => {
    const { parent, answer, orderId } = await pendingPurchase()
    const paid = razorpay.markOrderPaid(orderId)
    const res = await verify(parent, verifyBody(orderId, paid.id))
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as PurchaseAnswer
    expect(body).toMatchObject({
      purchase: { id: answer.purchase.id, status: 'paid', paid_at: ctx.clock.now().toISOString(), expires_at: new Date(ctx.clock.now().getTime() + 30 * DAY_MS).toISOString() },
      wallet: { balance: 14 },
      invoice_id: expect.any(String),
      payment: answer.payment,
    })
    const again = await verify(parent, verifyBody(orderId, paid.id))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(body)
    expect((await entriesOf(parent.id)).map((e) => [e.entry_type, e.delta])).toEqual([['grant', 14]])
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'paid', payment_ref: paid.id })
    expect(await invoiceCount(answer.purchase.id)).toBe(1)
  })

  it('refuses a wrong signature with 400 INVALID_SIGNATURE and changes nothing; another user’s order is 404', async () => {
    const { parent, answer, orderId } = await pendingPurchase()
    const paid = razorpay.markOrderPaid(orderId)
    const bad = await verify(parent, { ...verifyBody(orderId, paid.id), razorpay_signature: sign(orderId, 'pay_other') })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('INVALID_SIGNATURE')
    const stranger = await createUser(db)
    const foreign = await verify(stranger, verifyBody(orderId, paid.id))
    expect(foreign.statusCode).toBe(404)
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'pending_payment', payment_ref: null, paid_at: null })
    expect(await entriesOf(parent.id)).toEqual([])
    expect(await invoiceCount(answer.purchase.id)).toBe(0)
  })
})

describe('Razorpay webhooks on credit purchases', () => {
  it('payment.captured grants once; the same event again and a later order.paid change nothing', async () => {
    const { parent, answer, orderId } = await pendingPurchase()
    const paid = razorpay.markOrderPaid(orderId)
    const eventId = `evt_${randomUUID().slice(0, 8)}`
    expect(await webhook(captured(paid), eventId)).toEqual({ status: 'processed' })
    expect(await webhook(captured(paid), eventId)).toEqual({ status: 'duplicate' })
    expect(await webhook(razorpayEvent('order.paid', { payment: paid, order: razorpay.orders.get(orderId) }))).toEqual({ status: 'processed' })
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'paid', payment_ref: paid.id })
    expect((await entriesOf(parent.id)).map((e) => [e.entry_type, e.delta])).toEqual([['grant', 14]])
    expect(await invoiceCount(answer.purchase.id)).toBe(1)
    // Checkout's verify after the webhook answers the paid purchase, granting nothing more
    const res = await verify(parent, verifyBody(orderId, paid.id))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ purchase: { status: 'paid' }, wallet: { balance: 14 } })
    expect(await entriesOf(parent.id)).toHaveLength(1)
  })

  it('ignores a payment whose amount or currency does not match, and leaves a failed payment pending', async () => {
    const { parent, answer, orderId } = await pendingPurchase()
    await webhook(razorpayEvent('payment.failed', { payment: razorpay.failOrderPayment(orderId) }))
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'pending_payment' })
    const paid = razorpay.markOrderPaid(orderId)
    expect(await webhook(captured({ ...paid, amount: 100 }))).toEqual({ status: 'processed' })
    expect(await webhook(captured({ ...paid, currency: 'USD' }))).toEqual({ status: 'processed' })
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'pending_payment', payment_ref: null })
    expect(await entriesOf(parent.id)).toEqual([])
    await webhook(captured(paid))
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'paid', payment_ref: paid.id })
  })

  it('ignores orders that are not a purchase’s', async () => {
    const { parent, answer, orderId } = await pendingPurchase()
    const paid = razorpay.markOrderPaid(orderId)
    expect(await webhook(captured({ ...paid, order_id: 'order_NotOurs0000001' }))).toEqual({ status: 'processed' })
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'pending_payment', payment_ref: null })
    expect(await entriesOf(parent.id)).toEqual([])
  })
})

describe.runIf(usingPostgres())('verify and webhooks racing (PostgreSQL)', () => {
  it('10 parallel verifies and 5 webhook deliveries of one payment grant once', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const { parent, answer, orderId } = await pendingPurchase()
    const paid = razorpay.markOrderPaid(orderId)
    const headers = { 'content-type': 'application/json', ...(await authHeader(parent, ctx.clock)) }
    const raw = JSON.stringify(captured(paid))
    const hookHeaders = (i: number) => ({ 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook(raw, WEBHOOK_SECRET), 'x-razorpay-event-id': `evt_race_${i}_${randomUUID().slice(0, 6)}` })
    const calls = [
      ...Array.from({ length: 10 }, () => fetch(`${base}/api/payments/razorpay/verify`, { method: 'POST', headers, body: JSON.stringify(verifyBody(orderId, paid.id)) })),
      ...Array.from({ length: 5 }, (_, i) => fetch(`${base}/api/payments/razorpay/webhook`, { method: 'POST', headers: hookHeaders(i), body: raw })),
    ]
    const statuses = (await Promise.all(calls)).map((r) => r.status)
    expect(statuses).toEqual(Array.from({ length: 15 }, () => 200))
    expect((await entriesOf(parent.id)).map((e) => [e.entry_type, e.delta])).toEqual([['grant', 14]])
    expect(await invoiceCount(answer.purchase.id)).toBe(1)
    expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'paid', payment_ref: paid.id })
  })
})

describe('a second payment on a paid purchase’s order', () => {
  it('is refunded in full while the credits are granted once; the refund settles by its webhook', async () => {
    razorpay.setRefundStatus('pending')
    try {
      const { parent, answer, orderId } = await pendingPurchase()
      const first = razorpay.markOrderPaid(orderId)
      await webhook(captured(first))
      const second = razorpay.markOrderPaid(orderId)
      await webhook(captured(second))
      expect((await verify(parent, verifyBody(orderId, second.id))).statusCode).toBe(200)
      expect((await entriesOf(parent.id)).map((e) => e.entry_type)).toEqual(['grant'])
      expect(await purchaseRow(answer.purchase.id)).toMatchObject({ status: 'paid', payment_ref: first.id })

      await ctx.jobs.drain(REFUND_EXTRA_PAYMENT_JOB)
      const refund = [...razorpay.refunds.values()].find((r) => r.payment_id === second.id)!
      expect(refund.amount).toBe(PRICE)
      const extraRow = async () => (await db.select().from(extraPayments).where(eq(extraPayments.payment_id, second.id)))[0]
      expect(await extraRow()).toMatchObject({ subject_type: 'credit_purchase', subject_id: answer.purchase.id, refund_status: 'pending', refund_ref: refund.id })
      await webhook(razorpayEvent('refund.processed', { refund: { ...refund, status: 'processed' }, payment: second }))
      expect(await extraRow()).toMatchObject({ refund_status: 'processed', refund_ref: refund.id })
      expect([...razorpay.refunds.values()].filter((r) => r.payment_id === first.id)).toEqual([])
    } finally {
      razorpay.setRefundStatus('processed')
    }
  })

  it('stays pending when Razorpay is down and is refunded by the sweeper afterwards', async () => {
    const { answer, orderId } = await pendingPurchase()
    await webhook(captured(razorpay.markOrderPaid(orderId)))
    const second = razorpay.markOrderPaid(orderId)
    await webhook(captured(second))
    razorpay.failNext(503)
    await expect(ctx.jobs.drain(REFUND_EXTRA_PAYMENT_JOB)).rejects.toThrow()
    const extraRow = async () => (await db.select().from(extraPayments).where(eq(extraPayments.payment_id, second.id)))[0]
    expect(await extraRow()).toMatchObject({ refund_status: 'pending', refund_ref: null, subject_id: answer.purchase.id })
    await ctx.jobs.send(SWEEP_HOLDS_JOB, {})
    await ctx.jobs.drain(SWEEP_HOLDS_JOB)
    expect(await extraRow()).toMatchObject({ refund_status: 'processed' })
    expect([...razorpay.refunds.values()].filter((r) => r.payment_id === second.id).map((r) => r.amount)).toEqual([PRICE])
  })
})
