import { createHmac } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { razorpayEvent, sendRazorpayWebhook } from '../../../test/fakes/razorpay-server.js'
import { usingPostgres } from '../../../test/test-database.js'
import { paymentWebhookEvents } from '../../db/schema/index.js'
import { createWebhookIntake, type RazorpayWebhookEvent, type WebhookEventHandler } from './index.js'

const SECRET = 'whsec_test_current_0123456789'
const PREVIOUS = 'whsec_test_previous_9876543210'
const ctx = await buildTestApp({
  env: {
    PAYMENTS_MODE: 'test',
    RAZORPAY_KEY_ID: 'rzp_test_key',
    RAZORPAY_KEY_SECRET: 'rzp_test_key_secret',
    RAZORPAY_WEBHOOK_SECRET: SECRET,
    RAZORPAY_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
    RAZORPAY_API_BASE: 'http://127.0.0.1:1/v1',
  },
})
const URL_PATH = '/api/payments/razorpay/webhook'
const sign = (raw: string, secret = SECRET): string => createHmac('sha256', secret).update(raw).digest('hex')
let n = 0
const eventId = (): string => `evt_test_${Date.now().toString(36)}_${++n}`

function capturedEvent(paymentId = `pay_${n}`): RazorpayWebhookEvent {
  return razorpayEvent('payment.captured', {
    payment: { id: paymentId, entity: 'payment', order_id: 'order_abc', amount: 49_900, currency: 'INR', status: 'captured', captured: true },
  }) as RazorpayWebhookEvent
}

function post(raw: string, headers: Record<string, string>) {
  return ctx.app.inject({ method: 'POST', url: URL_PATH, headers: { 'content-type': 'application/json', ...headers }, payload: raw })
}

async function rows(id: string) {
  return ctx.database.db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.event_id, id))
}

describe('POST /api/payments/razorpay/webhook', () => {
  it('records a correctly signed event once and answers 200', async () => {
    const raw = JSON.stringify(capturedEvent())
    const id = eventId()
    const res = await post(raw, { 'x-razorpay-signature': sign(raw), 'x-razorpay-event-id': id })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'processed' })
    const [row] = await rows(id)
    expect(row).toMatchObject({ event_id: id, event_type: 'payment.captured', payload: JSON.parse(raw) as unknown })
    expect(row?.processed_at).toBeInstanceOf(Date)
    expect(row?.received_at.toISOString()).toBe(ctx.clock.now().toISOString())
  })

  it('answers a replay of the same event id with duplicate and changes nothing', async () => {
    const raw = JSON.stringify(capturedEvent())
    const id = eventId()
    const headers = { 'x-razorpay-signature': sign(raw), 'x-razorpay-event-id': id }
    expect((await post(raw, headers)).json()).toEqual({ status: 'processed' })
    const [before] = await rows(id)
    const duplicatesBefore = (await ctx.app.metrics.webhookDuplicates.get()).values.find((v) => v.labels.provider === 'razorpay')?.value ?? 0
    ctx.clock.advance(60 * 60_000)
    for (let i = 0; i < 3; i++) {
      const res = await post(raw, headers)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'duplicate' })
    }
    expect(await rows(id)).toEqual([before])
    // each replay shows in /metrics as a webhook duplicate
    const duplicatesAfter = (await ctx.app.metrics.webhookDuplicates.get()).values.find((v) => v.labels.provider === 'razorpay')?.value
    expect(duplicatesAfter).toBe(duplicatesBefore + 3)
  })

  it('refuses a wrong, missing, truncated or key-secret signature with 400 INVALID_SIGNATURE and records nothing', async () => {
    const raw = JSON.stringify(capturedEvent())
    const cases: Record<string, string>[] = [
      { 'x-razorpay-signature': sign(raw, 'some-other-secret') },
      {},
      { 'x-razorpay-signature': sign(raw).slice(0, 32) },
      { 'x-razorpay-signature': sign(raw, 'rzp_test_key_secret') },
      { 'x-razorpay-signature': 'not hex at all' },
    ]
    for (const headers of cases) {
      const id = eventId()
      const res = await post(raw, { ...headers, 'x-razorpay-event-id': id })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ detail: expect.any(String), code: 'INVALID_SIGNATURE' })
      expect(await rows(id)).toEqual([])
    }
  })

  it('detects a tampered body: a changed amount, re-serialised JSON, or bytes that are not JSON', async () => {
    const raw = JSON.stringify(capturedEvent())
    const signature = sign(raw)
    const tampered = [raw.replace('49900', '99'), JSON.stringify(JSON.parse(raw), null, 2), `${raw} `, raw.slice(0, -1)]
    for (const body of tampered) {
      const id = eventId()
      const res = await post(body, { 'x-razorpay-signature': signature, 'x-razorpay-event-id': id })
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('INVALID_SIGNATURE')
      expect(await rows(id)).toEqual([])
    }
  })

  it('accepts the previous webhook secret during a rotation', async () => {
    const raw = JSON.stringify(capturedEvent())
    const res = await post(raw, { 'x-razorpay-signature': sign(raw, PREVIOUS), 'x-razorpay-event-id': eventId() })
    expect(res.json()).toEqual({ status: 'processed' })
  })

  it('needs the event id header, and a body that is an event', async () => {
    const raw = JSON.stringify(capturedEvent())
    const missing = await post(raw, { 'x-razorpay-signature': sign(raw) })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().code).toBe('MISSING_EVENT_ID')
    const notEvent = '{"hello":"world"}'
    const res = await post(notEvent, { 'x-razorpay-signature': sign(notEvent), 'x-razorpay-event-id': eventId() })
    expect(res.statusCode).toBe(422)
  })

  it('keeps the raw-body parser to this route: other JSON routes still parse and reject bad JSON as before', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{not json' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR' })
  })

  it('works over real HTTP with the fake’s signed-webhook helper', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const url = `${address}${URL_PATH}`
    const event = capturedEvent()
    const sent = await sendRazorpayWebhook(url, event, SECRET)
    expect(sent).toMatchObject({ status: 200, body: { status: 'processed' } })
    expect(await sendRazorpayWebhook(url, event, SECRET, { eventId: sent.eventId })).toMatchObject({ status: 200, body: { status: 'duplicate' } })
    expect(await sendRazorpayWebhook(url, event, 'wrong-secret')).toMatchObject({ status: 400, body: { code: 'INVALID_SIGNATURE' } })
  })

  it('is documented in OpenAPI', async () => {
    const spec = (await ctx.app.inject('/openapi.json')).json() as { paths: Record<string, { post?: { tags?: string[]; responses?: Record<string, unknown> } }> }
    const op = spec.paths[URL_PATH]?.post
    expect(op?.tags).toEqual(['payments'])
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400']))
  })
})

describe('webhook intake: the onEvent port', () => {
  const deliver = (raw: string, id: string) => ({ rawBody: Buffer.from(raw), signature: sign(raw), eventId: id })

  it('hands the parsed event to onEvent inside the transaction, once per event id', async () => {
    const seen: { event: string; eventId: string; txCount: number }[] = []
    const onEvent: WebhookEventHandler = async (event, { tx, eventId: id }) => {
      // the dedupe row is visible inside the handler's transaction
      const [count] = await tx.select({ c: sql<number>`count(*)::int` }).from(paymentWebhookEvents).where(eq(paymentWebhookEvents.event_id, id))
      seen.push({ event: event.event, eventId: id, txCount: count?.c ?? 0 })
    }
    const intake = createWebhookIntake({ db: ctx.database.db, clock: ctx.clock, secrets: [SECRET], onEvent })
    const raw = JSON.stringify(capturedEvent())
    const id = eventId()
    expect(await intake.receive(deliver(raw, id))).toEqual({ status: 'processed', event_type: 'payment.captured' })
    expect(await intake.receive(deliver(raw, id))).toEqual({ status: 'duplicate' })
    expect(seen).toEqual([{ event: 'payment.captured', eventId: id, txCount: 1 }])
  })

  it('rolls back the dedupe row when the handler fails, so Razorpay’s retry is processed', async () => {
    let fail = true
    const handled: string[] = []
    const intake = createWebhookIntake({
      db: ctx.database.db,
      clock: ctx.clock,
      secrets: [SECRET],
      onEvent: async (_event, { eventId: id }) => {
        if (fail) throw new Error('handler down')
        handled.push(id)
      },
    })
    const raw = JSON.stringify(capturedEvent())
    const id = eventId()
    await expect(intake.receive(deliver(raw, id))).rejects.toThrow('handler down')
    expect(await rows(id)).toEqual([])
    fail = false
    expect(await intake.receive(deliver(raw, id))).toMatchObject({ status: 'processed' })
    expect(handled).toEqual([id])
  })
})

describe.runIf(usingPostgres())('webhook replays under concurrency (PostgreSQL)', () => {
  it('20 simultaneous deliveries of one event: one processed, the rest duplicates, one handler call', async () => {
    let calls = 0
    const intake = createWebhookIntake({
      db: ctx.database.db,
      clock: ctx.clock,
      secrets: [SECRET],
      onEvent: async () => {
        calls += 1
        await new Promise((r) => setTimeout(r, 20))
      },
    })
    const raw = JSON.stringify(capturedEvent())
    const id = eventId()
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => intake.receive({ rawBody: Buffer.from(raw), signature: sign(raw), eventId: id })))
    expect(outcomes.filter((o) => o.status === 'processed')).toHaveLength(1)
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(19)
    expect(calls).toBe(1)
    expect(await ctx.database.db.select().from(paymentWebhookEvents).where(inArray(paymentWebhookEvents.event_id, [id]))).toHaveLength(1)
  })
})
