// A local stand-in for Razorpay's REST API (/v1) on 127.0.0.1: Basic auth, orders, payments and refunds kept in memory,
// Razorpay-shaped entities and errors, plus test hooks (mark an order paid, fail or delay the next call) and signed webhooks.
import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isRecord, listenOnLoopback, readJsonBody, sendJson } from './fake-http.js'
import { razorpayError, razorpayId } from './razorpay-common.js'

export interface FakeOrder {
  id: string
  entity: 'order'
  amount: number
  amount_paid: number
  amount_due: number
  currency: string
  receipt: string | null
  offer_id: null
  status: 'created' | 'attempted' | 'paid'
  attempts: number
  notes: Record<string, string>
  created_at: number
}

export interface FakePayment {
  id: string
  entity: 'payment'
  amount: number
  currency: string
  status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed'
  order_id: string
  method: string
  amount_refunded: number
  refund_status: 'partial' | 'full' | null
  captured: boolean
  description: string | null
  email: string
  contact: string
  notes: Record<string, string>
  error_code: string | null
  error_description: string | null
  created_at: number
}

export interface FakeRefund {
  id: string
  entity: 'refund'
  amount: number
  currency: string
  payment_id: string
  notes: Record<string, string>
  receipt: string | null
  acquirer_data: { arn: string | null }
  created_at: number
  batch_id: null
  status: 'pending' | 'processed' | 'failed'
  speed_processed: 'normal'
  speed_requested: 'normal'
}

export interface RecordedRazorpayRequest {
  method: string
  path: string
  authorized: boolean
  idempotencyKey: string | undefined
  body: unknown
}

export interface FakeRazorpay {
  /** e.g. http://127.0.0.1:PORT/v1 — what RAZORPAY_API_BASE should be. */
  readonly baseUrl: string
  readonly keyId: string
  readonly keySecret: string
  readonly orders: Map<string, FakeOrder>
  readonly payments: Map<string, FakePayment>
  readonly refunds: Map<string, FakeRefund>
  readonly requests: RecordedRazorpayRequest[]
  /** The customer pays: a captured payment for the order's amount_due, the order becomes paid. */
  markOrderPaid(orderId: string, options?: { method?: string }): FakePayment
  /** A failed attempt on the order (the order becomes attempted). */
  failOrderPayment(orderId: string): FakePayment
  /** The next call gets this HTTP status with a Razorpay SERVER_ERROR body (500, 502, …). */
  failNext(statusCode: number): void
  /** The next call is answered only after `ms` (longer than the client's timeout → a timeout). */
  delayNext(ms: number): void
  /** New refunds are created with this status (default 'processed'). */
  setRefundStatus(status: FakeRefund['status']): void
  close(): Promise<void>
}

const rid = razorpayId

const send = sendJson

function error(res: ServerResponse, statusCode: number, code: string, description: string, field?: string): void {
  razorpayError(res, statusCode, code, description, { step: 'payment_initiation', field })
}


function stringNotes(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {}
  return Object.fromEntries(Object.entries(v).map(([k, value]) => [k, String(value)]))
}

export async function startFakeRazorpay(options: { keyId?: string; keySecret?: string } = {}): Promise<FakeRazorpay> {
  const keyId = options.keyId ?? 'rzp_test_FakeKey0001'
  const keySecret = options.keySecret ?? 'fake-razorpay-key-secret'
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
  const orders = new Map<string, FakeOrder>()
  const payments = new Map<string, FakePayment>()
  const refunds = new Map<string, FakeRefund>()
  const refundsByKey = new Map<string, { refundId: string; body: string }>()
  const requests: RecordedRazorpayRequest[] = []
  const pending: { fail?: number; delay?: number } = {}
  let refundStatus: FakeRefund['status'] = 'processed'
  const timers = new Set<NodeJS.Timeout>()
  const now = (): number => Math.floor(Date.now() / 1000)

  function newPayment(order: FakeOrder, status: FakePayment['status'], method: string): FakePayment {
    const payment: FakePayment = {
      id: rid('pay'),
      entity: 'payment',
      amount: order.amount_due > 0 ? order.amount_due : order.amount,
      currency: order.currency,
      status,
      order_id: order.id,
      method,
      amount_refunded: 0,
      refund_status: null,
      captured: status === 'captured',
      description: null,
      email: 'parent@example.com',
      contact: '+919876543210',
      notes: {},
      error_code: status === 'failed' ? 'BAD_REQUEST_ERROR' : null,
      error_description: status === 'failed' ? 'Payment failed' : null,
      created_at: now(),
    }
    payments.set(payment.id, payment)
    order.attempts += 1
    return payment
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const { raw, json } = await readJsonBody(req)
    const idempotencyHeader = req.headers['x-refund-idempotency']
    const idempotencyKey = Array.isArray(idempotencyHeader) ? idempotencyHeader[0] : idempotencyHeader
    const authorized = req.headers.authorization === expectedAuth
    requests.push({ method: req.method ?? '', path: url.pathname, authorized, idempotencyKey, body: json })

    if (pending.delay !== undefined) {
      const ms = pending.delay
      delete pending.delay
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), ms)
        timers.add(timer)
      })
    }
    if (pending.fail !== undefined) {
      const status = pending.fail
      delete pending.fail
      return error(res, status, 'SERVER_ERROR', 'The server encountered an error. The incident has been reported to admins.')
    }
    if (!authorized) return error(res, 401, 'BAD_REQUEST_ERROR', 'Authentication failed')
    if (json === null) return error(res, 400, 'BAD_REQUEST_ERROR', 'The request body is not valid JSON')

    const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean)
    if (parts[0] !== 'v1') return error(res, 404, 'BAD_REQUEST_ERROR', 'The requested URL was not found on the server.')
    const [, resource, id, sub] = parts
    const body = isRecord(json) ? json : {}

    if (req.method === 'POST' && resource === 'orders' && !id) {
      const amount = body.amount
      if (typeof amount !== 'number' || !Number.isInteger(amount)) return error(res, 400, 'BAD_REQUEST_ERROR', 'The amount must be an integer.', 'amount')
      if (amount < 100) return error(res, 400, 'BAD_REQUEST_ERROR', 'The amount must be at least INR 1.00', 'amount')
      const currency = body.currency ?? 'INR'
      if (currency !== 'INR') return error(res, 400, 'BAD_REQUEST_ERROR', 'Currency is not supported', 'currency')
      const receipt = typeof body.receipt === 'string' ? body.receipt : null
      if (receipt !== null && receipt.length > 40) return error(res, 400, 'BAD_REQUEST_ERROR', 'The receipt may not be greater than 40 characters.', 'receipt')
      const notes = stringNotes(body.notes)
      if (Object.keys(notes).length > 15) return error(res, 400, 'BAD_REQUEST_ERROR', 'Number of notes exceeds 15', 'notes')
      const order: FakeOrder = {
        id: rid('order'),
        entity: 'order',
        amount,
        amount_paid: 0,
        amount_due: amount,
        currency,
        receipt,
        offer_id: null,
        status: 'created',
        attempts: 0,
        notes,
        created_at: now(),
      }
      orders.set(order.id, order)
      return send(res, 200, order)
    }
    if (req.method === 'GET' && resource === 'orders' && id) {
      const order = orders.get(id)
      if (!order) return error(res, 400, 'BAD_REQUEST_ERROR', 'The id provided does not exist')
      if (!sub) return send(res, 200, order)
      if (sub === 'payments') {
        const items = [...payments.values()].filter((p) => p.order_id === id)
        return send(res, 200, { entity: 'collection', count: items.length, items })
      }
    }
    if (req.method === 'GET' && resource === 'payments' && id && !sub) {
      const payment = payments.get(id)
      return payment ? send(res, 200, payment) : error(res, 400, 'BAD_REQUEST_ERROR', 'The id provided does not exist')
    }
    if (req.method === 'POST' && resource === 'payments' && id && sub === 'refund') {
      const payment = payments.get(id)
      if (!payment) return error(res, 400, 'BAD_REQUEST_ERROR', 'The id provided does not exist')
      if (idempotencyKey !== undefined) {
        if (!/^[A-Za-z0-9_-]{10,}$/.test(idempotencyKey)) return error(res, 400, 'BAD_REQUEST_ERROR', 'The idempotency key is invalid')
        const seen = refundsByKey.get(idempotencyKey)
        if (seen) {
          if (seen.body !== raw) return error(res, 400, 'BAD_REQUEST_ERROR', 'Different request body sent for the same idempotency key')
          return send(res, 200, refunds.get(seen.refundId))
        }
      }
      if (!payment.captured) return error(res, 400, 'BAD_REQUEST_ERROR', 'The payment has not been captured')
      const available = payment.amount - payment.amount_refunded
      const amount = body.amount === undefined ? available : body.amount
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 100)
        return error(res, 400, 'BAD_REQUEST_ERROR', 'The amount must be atleast INR 1.00', 'amount')
      if (amount > available) return error(res, 400, 'BAD_REQUEST_ERROR', 'The requested refund amount is greater than available amount', 'amount')
      const refund: FakeRefund = {
        id: rid('rfnd'),
        entity: 'refund',
        amount,
        currency: payment.currency,
        payment_id: payment.id,
        notes: stringNotes(body.notes),
        receipt: typeof body.receipt === 'string' ? body.receipt : null,
        acquirer_data: { arn: null },
        created_at: now(),
        batch_id: null,
        status: refundStatus,
        speed_processed: 'normal',
        speed_requested: 'normal',
      }
      refunds.set(refund.id, refund)
      if (idempotencyKey !== undefined) refundsByKey.set(idempotencyKey, { refundId: refund.id, body: raw })
      payment.amount_refunded += amount
      payment.refund_status = payment.amount_refunded >= payment.amount ? 'full' : 'partial'
      if (payment.refund_status === 'full') payment.status = 'refunded'
      return send(res, 200, refund)
    }
    return error(res, 400, 'BAD_REQUEST_ERROR', 'The requested URL was not found on the server.')
  }

  const loopback = await listenOnLoopback(handle, (res, message) => error(res, 500, 'SERVER_ERROR', message))

  return {
    baseUrl: `${loopback.origin}/v1`,
    keyId,
    keySecret,
    orders,
    payments,
    refunds,
    requests,
    markOrderPaid(orderId, opts = {}) {
      const order = orders.get(orderId)
      if (!order) throw new Error(`fake razorpay: no order ${orderId}`)
      const payment = newPayment(order, 'captured', opts.method ?? 'upi')
      order.amount_paid += payment.amount
      order.amount_due = Math.max(0, order.amount - order.amount_paid)
      order.status = order.amount_due === 0 ? 'paid' : 'attempted'
      return payment
    },
    failOrderPayment(orderId) {
      const order = orders.get(orderId)
      if (!order) throw new Error(`fake razorpay: no order ${orderId}`)
      const payment = newPayment(order, 'failed', 'card')
      order.status = 'attempted'
      return payment
    },
    failNext(statusCode) {
      pending.fail = statusCode
    },
    delayNext(ms) {
      pending.delay = ms
    },
    setRefundStatus(status) {
      refundStatus = status
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      await loopback.close()
    },
  }
}

// ---- webhooks ----

export interface FakeWebhookEvent {
  entity: 'event'
  account_id: string
  event: string
  contains: string[]
  payload: Record<string, { entity: unknown }>
  created_at: number
}

/** A Razorpay-shaped event envelope, e.g. razorpayEvent('payment.captured', { payment: fake.markOrderPaid(id) }). */
export function razorpayEvent(event: string, entities: Record<string, unknown>, createdAt = Math.floor(Date.now() / 1000)): FakeWebhookEvent {
  return {
    entity: 'event',
    account_id: 'acc_FakeAccount01',
    event,
    contains: Object.keys(entities),
    payload: Object.fromEntries(Object.entries(entities).map(([k, entity]) => [k, { entity }])),
    created_at: createdAt,
  }
}

export function signRazorpayWebhook(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex')
}

export interface SentWebhook {
  status: number
  body: unknown
  eventId: string
  rawBody: string
  signature: string
}

/**
 * POSTs the event to `url` as Razorpay does: the exact bytes signed with `secret` in X-Razorpay-Signature,
 * the event id in X-Razorpay-Event-Id. `rawBody` overrides the serialisation (to test tampering).
 */
export async function sendRazorpayWebhook(
  url: string,
  event: object | string,
  secret: string,
  options: { eventId?: string; signature?: string; rawBody?: string } = {},
): Promise<SentWebhook> {
  const rawBody = options.rawBody ?? (typeof event === 'string' ? event : JSON.stringify(event))
  const eventId = options.eventId ?? `evt_${randomBytes(7).toString('hex')}`
  const signature = options.signature ?? signRazorpayWebhook(rawBody, secret)
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-razorpay-signature': signature, 'x-razorpay-event-id': eventId },
    body: rawBody,
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text) as unknown
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, eventId, rawBody, signature }
}

/** The app's environment for PAYMENTS_MODE=test against this fake (the HTTP Razorpay client, webhooks signed with the secret). */
export function razorpayTestEnv(fake: Pick<FakeRazorpay, 'keyId' | 'keySecret' | 'baseUrl'>, webhookSecret: string): Record<string, string> {
  return { PAYMENTS_MODE: 'test', RAZORPAY_KEY_ID: fake.keyId, RAZORPAY_KEY_SECRET: fake.keySecret, RAZORPAY_WEBHOOK_SECRET: webhookSecret, RAZORPAY_API_BASE: fake.baseUrl }
}
