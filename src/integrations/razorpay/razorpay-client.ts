// Razorpay's REST API over fetch: Basic auth key_id:key_secret, JSON bodies, a timeout on every call.
import {
  PaymentGatewayError, PaymentGatewayUnavailableError,
  type CreateOrderInput, type CreateRefundInput, type GatewayOrder, type GatewayPayment, type GatewayRefund, type PaymentGateway,
} from './payment-gateway.js'

export interface RazorpayClientOptions {
  keyId: string
  keySecret: string
  /** https://api.razorpay.com/v1, or a local fake in tests. */
  apiBase: string
  timeoutMs?: number
}

interface RazorpayErrorBody {
  error?: { code?: unknown; description?: unknown; field?: unknown }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

function toOrder(raw: Record<string, unknown>): GatewayOrder {
  const status = raw.status === 'attempted' || raw.status === 'paid' ? raw.status : 'created'
  return { id: String(raw.id), amount: num(raw.amount), currency: String(raw.currency ?? 'INR'), receipt: str(raw.receipt), status }
}

function toPayment(raw: Record<string, unknown>): GatewayPayment {
  return {
    id: String(raw.id),
    order_id: str(raw.order_id),
    amount: num(raw.amount),
    currency: String(raw.currency ?? 'INR'),
    status: String(raw.status ?? 'created'),
    captured: raw.captured === true,
    method: str(raw.method),
    amount_refunded: num(raw.amount_refunded),
    error_code: str(raw.error_code),
    error_description: str(raw.error_description),
    created_at: num(raw.created_at),
  }
}

function toRefund(raw: Record<string, unknown>): GatewayRefund {
  return { id: String(raw.id), status: String(raw.status ?? 'pending'), amount: num(raw.amount) }
}

export function createRazorpayClient(options: RazorpayClientOptions): PaymentGateway {
  const timeoutMs = options.timeoutMs ?? 10_000
  const base = options.apiBase.replace(/\/+$/, '')
  const authorization = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64')}`

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new PaymentGatewayUnavailableError(
        timedOut ? `The payment provider did not answer within ${timeoutMs} ms` : 'The payment provider could not be reached',
        timedOut ? 'timeout' : 'network',
      )
    }
    let parsed: unknown
    try {
      parsed = await response.json()
    } catch {
      parsed = undefined
    }
    if (response.status >= 500) throw new PaymentGatewayUnavailableError(`The payment provider answered HTTP ${response.status}`, 'server')
    if (!response.ok) {
      const error = (parsed as RazorpayErrorBody | undefined)?.error
      throw new PaymentGatewayError(
        str(error?.description) ?? `HTTP ${response.status}`,
        str(error?.code) ?? 'UNKNOWN_ERROR',
        response.status,
        str(error?.field),
      )
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new PaymentGatewayUnavailableError('The payment provider answered something unreadable', 'server')
    return parsed as Record<string, unknown>
  }

  const id = (value: string): string => encodeURIComponent(value)

  return {
    kind: 'razorpay',
    async createOrder(input: CreateOrderInput) {
      return toOrder(await call('POST', '/orders', { amount: input.amount, currency: input.currency, receipt: input.receipt, notes: input.notes ?? {} }))
    },
    async fetchPayment(paymentId: string) {
      return toPayment(await call('GET', `/payments/${id(paymentId)}`))
    },
    async fetchOrderPayments(orderId: string) {
      const answer = await call('GET', `/orders/${id(orderId)}/payments`)
      const items = Array.isArray(answer.items) ? (answer.items as unknown[]) : []
      return items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null).map(toPayment)
    },
    async createRefund(paymentId: string, input: CreateRefundInput, idempotencyKey: string) {
      const body = { ...(input.amount === undefined ? {} : { amount: input.amount }), notes: input.notes ?? {} }
      return toRefund(await call('POST', `/payments/${id(paymentId)}/refund`, body, { 'x-refund-idempotency': idempotencyKey }))
    },
  }
}
