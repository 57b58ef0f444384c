// Clients as the apps behave: every request with a timeout, a money move retried with its Idempotency-Key until it
// gets a final answer, Razorpay webhooks redelivered with the same event id until one is acknowledged.
import { randomBytes } from 'node:crypto'
import { signRazorpayWebhook } from '../fakes/razorpay-server.js'

/** No request may take longer than this; one that does counts as hung. */
export const REQUEST_TIMEOUT_MS = 10_000

export interface Answer {
  status: number
  body: Record<string, unknown>
}

export interface ClientStats {
  requests: number
  /** Answers that were retried: network errors (0), 5xx, 429, IDEMPOTENCY_KEY_IN_USE. */
  retried: Record<string, number>
  /** Requests cut off by REQUEST_TIMEOUT_MS. */
  timeouts: number
  /** Final answers a well-formed request should never get (400, 401, 404, 422 …): a broken test or app. */
  unexpected: Array<{ path: string; status: number; body: unknown }>
  maxLatencyMs: number
  /** Every request's latency, when a caller wants percentiles (the soak); undefined: not kept. */
  latencies?: number[]
}

export function newStats(): ClientStats {
  return { requests: 0, retried: {}, timeouts: 0, unexpected: [], maxLatencyMs: 0 }
}

/** A client IP for X-Forwarded-For: the load spreads over many, so per-IP limits stay out of its way. */
export const randomIp = () => `10.${1 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]!}.${randomBytes(1)[0]!}`

export async function once(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, stats: ClientStats): Promise<Answer> {
  const started = performance.now()
  stats.requests++
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    const text = await res.text()
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      body = { text }
    }
    return { status: res.status, body }
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') stats.timeouts++
    return { status: 0, body: { error: (err as Error).message } }
  } finally {
    const latency = performance.now() - started
    stats.maxLatencyMs = Math.max(stats.maxLatencyMs, latency)
    stats.latencies?.push(latency)
  }
}

const retryable = (a: Answer) => a.status === 0 || a.status >= 500 || a.status === 429 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_KEY_IN_USE')

/**
 * The same request again (same Idempotency-Key) until a final answer or `giveUpMs`; the final answer is returned.
 * Statuses in `expected` are final and fine; any other final status is recorded as unexpected.
 */
export async function untilFinal(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  stats: ClientStats,
  expected: readonly number[],
  giveUpMs = 60_000,
): Promise<Answer> {
  const until = Date.now() + giveUpMs
  for (let attempt = 0; ; attempt++) {
    const answer = await once(url, init, stats)
    if (!retryable(answer)) {
      if (!expected.includes(answer.status)) stats.unexpected.push({ path: new URL(url).pathname, status: answer.status, body: answer.body })
      return answer
    }
    const label = answer.status === 409 ? 'KEY_IN_USE' : String(answer.status)
    stats.retried[label] = (stats.retried[label] ?? 0) + 1
    if (Date.now() > until) return answer
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1_000)))
  }
}

export interface WebhookTarget {
  url: string
  secret: string
}

/** Delivers one event (one event id) until acknowledged with 200, as Razorpay redelivers; returns the app's outcome. */
export async function deliverWebhook(target: WebhookTarget, event: object, eventId: string, stats: ClientStats, giveUpMs = 60_000): Promise<Answer> {
  const raw = JSON.stringify(event)
  const headers = { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook(raw, target.secret), 'x-razorpay-event-id': eventId, 'x-forwarded-for': randomIp() }
  return untilFinal(`${target.url}/api/payments/razorpay/webhook`, { method: 'POST', headers, body: raw }, stats, [200], giveUpMs)
}

export const eventId = () => `evt_${randomBytes(7).toString('hex')}`
