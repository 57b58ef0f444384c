// Razorpay's two HMAC-SHA256 signatures, compared in constant time:
// Checkout's payment signature (key secret over `order_id|payment_id`) and the webhook signature (webhook secret over the raw body).
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface PaymentSignatureInput {
  /** The order id stored on our side, never the one echoed by the client. */
  orderId: string
  paymentId: string
  signature: string
}

function hmacHex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex')
}

/** Constant-time equality of two hex strings; different lengths (or non-hex) are simply unequal. */
function sameHex(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]+$/i.test(givenHex)) return false
  const expected = Buffer.from(expectedHex, 'hex')
  const given = Buffer.from(givenHex.toLowerCase(), 'hex')
  if (given.length !== expected.length) return false
  return timingSafeEqual(expected, given)
}

export function verifyPaymentSignature(input: PaymentSignatureInput, keySecret: string): boolean {
  if (!keySecret || !input.orderId || !input.paymentId || typeof input.signature !== 'string') return false
  return sameHex(hmacHex(keySecret, `${input.orderId}|${input.paymentId}`), input.signature)
}

/** True when `signature` is the HMAC of the exact bytes under any of the secrets (current and previous during a rotation). */
export function verifyWebhookSignature(rawBody: Buffer, signature: string | undefined, secrets: readonly string[]): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false
  let valid = false
  // check every secret (no early exit), so timing does not reveal which one matched
  for (const secret of secrets) {
    if (secret && sameHex(hmacHex(secret, rawBody), signature)) valid = true
  }
  return valid
}

/** For tests and the fake server: the signature Razorpay sends for these bytes. */
export function signWebhookBody(rawBody: Buffer | string, secret: string): string {
  return hmacHex(secret, rawBody)
}
