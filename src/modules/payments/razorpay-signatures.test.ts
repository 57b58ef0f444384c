import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyPaymentSignature, verifyWebhookSignature } from './razorpay-signatures.js'

// vectors computed here, independently of the module under test
const hmac = (secret: string, data: string | Buffer): string => createHmac('sha256', secret).update(data).digest('hex')

describe('verifyPaymentSignature', () => {
  const keySecret = 'rzp_test_secret_Abc123'
  const orderId = 'order_OqT9zNvW3s1XyZ'
  const paymentId = 'pay_OqTA1kLmN0pQrS'
  const good = hmac(keySecret, `${orderId}|${paymentId}`)

  it('accepts the HMAC-SHA256 hex of order_id|payment_id under the key secret', () => {
    expect(verifyPaymentSignature({ orderId, paymentId, signature: good }, keySecret)).toBe(true)
    expect(verifyPaymentSignature({ orderId, paymentId, signature: good.toUpperCase() }, keySecret)).toBe(true)
  })

  it('refuses another order, another payment, a swapped pair or another secret', () => {
    expect(verifyPaymentSignature({ orderId: 'order_other', paymentId, signature: good }, keySecret)).toBe(false)
    expect(verifyPaymentSignature({ orderId, paymentId: 'pay_other', signature: good }, keySecret)).toBe(false)
    expect(verifyPaymentSignature({ orderId: paymentId, paymentId: orderId, signature: good }, keySecret)).toBe(false)
    expect(verifyPaymentSignature({ orderId, paymentId, signature: good }, 'another-secret')).toBe(false)
  })

  it('refuses a tampered, truncated, extended, empty or non-hex signature without throwing', () => {
    const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`
    for (const signature of [flipped, good.slice(0, 63), good.slice(0, 10), `${good}00`, '', 'z'.repeat(64), `${good.slice(0, 62)}zz`])
      expect(verifyPaymentSignature({ orderId, paymentId, signature }, keySecret)).toBe(false)
  })

  it('refuses when the key secret is not configured', () => {
    expect(verifyPaymentSignature({ orderId, paymentId, signature: hmac('', `${orderId}|${paymentId}`) }, '')).toBe(false)
  })
})

describe('verifyWebhookSignature', () => {
  const secret = 'whsec_current_7f3a'
  const previous = 'whsec_previous_19c2'
  const body = Buffer.from('{"entity":"event","event":"payment.captured","payload":{"payment":{"entity":{"id":"pay_1","amount":49900}}}}')

  it('accepts the HMAC of the exact raw bytes under the webhook secret', () => {
    expect(verifyWebhookSignature(body, hmac(secret, body), [secret])).toBe(true)
  })

  it('accepts the previous secret during a rotation, and no other', () => {
    expect(verifyWebhookSignature(body, hmac(previous, body), [secret, previous])).toBe(true)
    expect(verifyWebhookSignature(body, hmac(previous, body), [secret])).toBe(false)
    expect(verifyWebhookSignature(body, hmac('unknown', body), [secret, previous])).toBe(false)
  })

  it('detects a changed byte or re-serialised JSON', () => {
    const signature = hmac(secret, body)
    const tampered = Buffer.from(body)
    tampered[tampered.indexOf('4')] = '5'.charCodeAt(0)
    expect(verifyWebhookSignature(tampered, signature, [secret])).toBe(false)
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1))
    expect(verifyWebhookSignature(reserialised, signature, [secret])).toBe(false)
  })

  it('refuses a missing, short, long or non-hex signature and ignores empty secrets', () => {
    const signature = hmac(secret, body)
    expect(verifyWebhookSignature(body, undefined, [secret])).toBe(false)
    expect(verifyWebhookSignature(body, '', [secret])).toBe(false)
    expect(verifyWebhookSignature(body, signature.slice(0, 40), [secret])).toBe(false)
    expect(verifyWebhookSignature(body, `${signature}ab`, [secret])).toBe(false)
    expect(verifyWebhookSignature(body, 'not-a-signature', [secret])).toBe(false)
    expect(verifyWebhookSignature(body, hmac('', body), ['', ''])).toBe(false)
    expect(verifyWebhookSignature(body, signature, [])).toBe(false)
  })
})
