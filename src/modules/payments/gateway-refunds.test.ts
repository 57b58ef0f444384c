import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeRazorpay, type FakeRazorpay } from '../../../test/fakes/razorpay-server.js'
import { createRazorpayClient, PaymentGatewayUnavailableError } from '../../integrations/razorpay/index.js'
import { createGatewayRefunds, type RefundPort } from './gateway-refunds.js'

let fake: FakeRazorpay
let refunds: RefundPort
const fallbackCalls: string[] = []

beforeAll(async () => {
  fake = await startFakeRazorpay()
  const gateway = createRazorpayClient({ keyId: fake.keyId, keySecret: fake.keySecret, apiBase: fake.baseUrl, timeoutMs: 300 })
  refunds = createGatewayRefunds(gateway, {
    async refund(request) {
      fallbackCalls.push(request.payment_method)
      return { status: 'processed', refund_ref: 'fallback' }
    },
  })
})
afterAll(async () => fake.close())

async function paidPayment(amount: number): Promise<string> {
  const gateway = createRazorpayClient({ keyId: fake.keyId, keySecret: fake.keySecret, apiBase: fake.baseUrl })
  const order = await gateway.createOrder({ amount, currency: 'INR', receipt: 'r' })
  return fake.markOrderPaid(order.id).id
}

describe('createGatewayRefunds', () => {
  it('refunds a Razorpay payment once per idempotency key and reports the refund id', async () => {
    const paymentId = await paidPayment(50_000)
    const request = { subject_type: 'booking' as const, subject_id: 'b1', payment_method: 'razorpay' as const, payment_ref: paymentId, amount: 20_000, idempotency_key: 'booking-b1-refund-1' }
    const first = await refunds.refund(request)
    expect(first).toEqual({ status: 'processed', refund_ref: expect.stringMatching(/^rfnd_/) })
    expect(await refunds.refund(request)).toEqual(first)
    expect(fake.payments.get(paymentId)?.amount_refunded).toBe(20_000)
    expect(fake.refunds.get(first.refund_ref ?? '')?.notes).toEqual({ booking_id: 'b1' })
  })

  it('answers pending while Razorpay has not processed the refund', async () => {
    fake.setRefundStatus('pending')
    const paymentId = await paidPayment(10_000)
    expect(await refunds.refund({ subject_type: 'booking' as const, subject_id: 'b2', payment_method: 'razorpay' as const, payment_ref: paymentId, amount: 10_000, idempotency_key: 'booking-b2-refund-1' }))
      .toMatchObject({ status: 'pending' })
    fake.setRefundStatus('processed')
  })

  it('reports a refused refund as failed and throws when the gateway is down (the job retries)', async () => {
    const paymentId = await paidPayment(10_000)
    expect(await refunds.refund({ subject_type: 'booking' as const, subject_id: 'b3', payment_method: 'razorpay' as const, payment_ref: paymentId, amount: 99_000, idempotency_key: 'booking-b3-refund-1' }))
      .toEqual({ status: 'failed', refund_ref: null })
    fake.failNext(503)
    await expect(refunds.refund({ subject_type: 'booking' as const, subject_id: 'b3', payment_method: 'razorpay' as const, payment_ref: paymentId, amount: 5_000, idempotency_key: 'booking-b3-refund-2' }))
      .rejects.toBeInstanceOf(PaymentGatewayUnavailableError)
  })

  it('leaves mock and credit payments to the fallback', async () => {
    await refunds.refund({ subject_type: 'booking' as const, subject_id: 'b4', payment_method: 'credits', payment_ref: null, amount: 100, idempotency_key: 'booking-b4-refund-1' })
    await refunds.refund({ subject_type: 'booking' as const, subject_id: 'b5', payment_method: 'mock', payment_ref: 'pay_mock', amount: 100, idempotency_key: 'booking-b5-refund-1' })
    expect(fallbackCalls).toEqual(['credits', 'mock'])
  })
})
