import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeRazorpay, type FakeRazorpay } from '../../../test/fakes/razorpay-server.js'
import { ManualClock } from '../../shared/clock.js'
import {
  createMockPaymentGateway, createPaymentGateway, createRazorpayClient, PaymentGatewayError, PaymentGatewayUnavailableError, type PaymentGateway,
} from './index.js'

let fake: FakeRazorpay
let gateway: PaymentGateway

beforeAll(async () => {
  fake = await startFakeRazorpay()
  gateway = createRazorpayClient({ keyId: fake.keyId, keySecret: fake.keySecret, apiBase: fake.baseUrl, timeoutMs: 300 })
})
afterAll(async () => fake.close())

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  )
}

describe('Razorpay client against the local fake', () => {
  it('creates an order with Basic auth and a JSON body', async () => {
    const order = await gateway.createOrder({ amount: 49_900, currency: 'INR', receipt: 'bk_0001', notes: { booking_id: 'b-1' } })
    expect(order).toEqual({ id: expect.stringMatching(/^order_/), amount: 49_900, currency: 'INR', receipt: 'bk_0001', status: 'created' })
    const recorded = fake.requests.at(-1)
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/orders', authorized: true, body: { amount: 49_900, currency: 'INR', notes: { booking_id: 'b-1' } } })
    expect(fake.orders.get(order.id)).toMatchObject({ amount_due: 49_900, amount_paid: 0, attempts: 0, notes: { booking_id: 'b-1' } })
  })

  it('turns a Razorpay error body into a PaymentGatewayError with its description (502)', async () => {
    const err = await rejection(gateway.createOrder({ amount: 50, currency: 'INR', receipt: 'too-small' }))
    expect(err).toBeInstanceOf(PaymentGatewayError)
    expect(err).toMatchObject({ description: 'The amount must be at least INR 1.00', providerCode: 'BAD_REQUEST_ERROR', httpStatus: 400, field: 'amount', status: 502 })
  })

  it('reports wrong credentials as a PaymentGatewayError from the 401', async () => {
    const wrong = createRazorpayClient({ keyId: fake.keyId, keySecret: 'not-the-secret', apiBase: fake.baseUrl })
    const err = await rejection(wrong.createOrder({ amount: 10_000, currency: 'INR', receipt: 'r' }))
    expect(err).toMatchObject({ httpStatus: 401, description: 'Authentication failed' })
    expect(fake.requests.at(-1)?.authorized).toBe(false)
  })

  it('fetches the captured payment of a paid order, by order and by id', async () => {
    const order = await gateway.createOrder({ amount: 120_000, currency: 'INR', receipt: 'bk_paid' })
    const paid = fake.markOrderPaid(order.id)
    expect(fake.orders.get(order.id)).toMatchObject({ status: 'paid', amount_paid: 120_000, amount_due: 0, attempts: 1 })
    const payments = await gateway.fetchOrderPayments(order.id)
    expect(payments).toEqual([expect.objectContaining({ id: paid.id, order_id: order.id, amount: 120_000, status: 'captured', captured: true, method: 'upi' })])
    expect(await gateway.fetchPayment(paid.id)).toMatchObject({ id: paid.id, status: 'captured' })
    expect(await gateway.fetchOrderPayments((await gateway.createOrder({ amount: 100, currency: 'INR', receipt: 'x' })).id)).toEqual([])
  })

  it('refunds once per idempotency key, sending X-Refund-Idempotency', async () => {
    const order = await gateway.createOrder({ amount: 80_000, currency: 'INR', receipt: 'bk_refund' })
    const payment = fake.markOrderPaid(order.id)
    const first = await gateway.createRefund(payment.id, { amount: 30_000, notes: { reason: 'cancelled' } }, 'refund-key-0001')
    const again = await gateway.createRefund(payment.id, { amount: 30_000, notes: { reason: 'cancelled' } }, 'refund-key-0001')
    expect(first).toEqual({ id: expect.stringMatching(/^rfnd_/), status: 'processed', amount: 30_000 })
    expect(again).toEqual(first)
    expect([...fake.refunds.values()].filter((r) => r.payment_id === payment.id)).toHaveLength(1)
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v1/payments/${payment.id}/refund`, idempotencyKey: 'refund-key-0001' })
    expect(fake.payments.get(payment.id)).toMatchObject({ amount_refunded: 30_000, refund_status: 'partial' })

    const err = await rejection(gateway.createRefund(payment.id, { amount: 60_000 }, 'refund-key-0002'))
    expect(err).toMatchObject({ description: 'The requested refund amount is greater than available amount' })
  })

  it('maps a 500 or 502 answer to PaymentGatewayUnavailableError (503)', async () => {
    for (const status of [500, 502]) {
      fake.failNext(status)
      const err = await rejection(gateway.createOrder({ amount: 10_000, currency: 'INR', receipt: 'r' }))
      expect(err).toBeInstanceOf(PaymentGatewayUnavailableError)
      expect(err).toMatchObject({ reason: 'server', status: 503, code: 'PAYMENT_GATEWAY_UNAVAILABLE' })
    }
    // the hook applies to one call only
    await expect(gateway.createOrder({ amount: 10_000, currency: 'INR', receipt: 'r' })).resolves.toMatchObject({ status: 'created' })
  })

  it('gives up after the timeout, and on an unreachable host', async () => {
    fake.delayNext(2_000)
    const started = Date.now()
    const err = await rejection(gateway.fetchPayment('pay_slow'))
    expect(err).toMatchObject({ reason: 'timeout', status: 503 })
    expect(Date.now() - started).toBeLessThan(1_500)

    const down = createRazorpayClient({ keyId: 'k', keySecret: 's', apiBase: 'http://127.0.0.1:1/v1', timeoutMs: 1_000 })
    expect(await rejection(down.fetchPayment('pay_x'))).toMatchObject({ reason: 'network' })
  })
})

describe('mock gateway and the factory', () => {
  it('creates order_mock_ orders and processes refunds at once, once per key', async () => {
    const mock = createMockPaymentGateway(new ManualClock())
    const order = await mock.createOrder({ amount: 5_000, currency: 'INR', receipt: 'r1' })
    expect(order).toEqual({ id: expect.stringMatching(/^order_mock_/), amount: 5_000, currency: 'INR', receipt: 'r1', status: 'created' })
    const refund = await mock.createRefund('pay_mock_1', { amount: 2_000 }, 'mock-refund-key')
    expect(refund).toEqual({ id: expect.stringMatching(/^rfnd_mock_/), status: 'processed', amount: 2_000 })
    expect(await mock.createRefund('pay_mock_1', { amount: 2_000 }, 'mock-refund-key')).toEqual(refund)
  })

  it('chooses the mock for PAYMENTS_MODE=mock and the HTTP client otherwise', () => {
    const payments = { keyId: 'k', keySecret: 's', webhookSecret: 'w', previousWebhookSecret: '', apiBase: 'http://127.0.0.1:1/v1' }
    expect(createPaymentGateway({ ...payments, mode: 'mock' }).kind).toBe('mock')
    expect(createPaymentGateway({ ...payments, mode: 'test' }).kind).toBe('razorpay')
    expect(createPaymentGateway({ ...payments, mode: 'live' }).kind).toBe('razorpay')
  })
})
