// Notifications end to end through the app, with every channel's real client pointed at a local fake provider:
// SendGrid (email), Twilio (SMS) and Expo (push).
import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeExpoPush } from '../../../test/fakes/expo-push-server.js'
import { startFakeSendGrid } from '../../../test/fakes/sendgrid-server.js'
import { startFakeTwilio } from '../../../test/fakes/sms-servers.js'
import { usingPostgres } from '../../../test/test-database.js'
import { authHeader, createChild, createListing, createPartner, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { notificationDeliveries, notifications, pushTickets, pushTokens } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/clock.js'
import { findAuditLogsForTarget } from '../audit/index.js'
import {
  BROADCAST_JOB, createNotifier, DELIVER_JOB, DISPATCH_JOB, PUSH_RECEIPTS_JOB, REMINDERS_JOB, SWEEP_DELIVERIES_JOB, type AnyNotificationEvent,
} from './index.js'

const sendgrid = await startFakeSendGrid()
const twilio = await startFakeTwilio()
const expo = await startFakeExpoPush()
afterAll(() => Promise.all([sendgrid.close(), twilio.close(), expo.close()]))

const ctx = await buildTestApp({
  env: {
    NOTIFY_PROVIDER: 'email', SENDGRID_API_KEY: sendgrid.apiKey, SENDGRID_API_BASE: sendgrid.baseUrl,
    SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'twilio-test-token', TWILIO_FROM: '+15005550006', TWILIO_API_BASE: twilio.baseUrl,
    PUSH_PROVIDER: 'expo', EXPO_API_BASE: expo.baseUrl,
    BROADCAST_BATCH_SIZE: '2',
  },
})
const { db } = ctx.database
const notify = createNotifier(ctx.jobs)
// 10:00 India time: outside quiet hours
const MORNING = '2026-01-05T04:30:00.000Z'
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user?: Caller, payload?: object, headers: Record<string, string> = {}) {
  const auth = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload ? { payload } : {}) })
}

/** Runs the dispatch jobs, then the deliveries they enqueued. */
async function flush() {
  await ctx.jobs.drain(DISPATCH_JOB)
  await ctx.jobs.drain(DELIVER_JOB)
}

async function emit(event: AnyNotificationEvent) {
  await db.transaction((tx) => notify(tx, event))
}

const deliveriesOf = (userId: string) => db.select().from(notificationDeliveries).where(eq(notificationDeliveries.user_id, userId))
const mailsTo = (email: string | null) => sendgrid.accepted.filter((m) => m.body.personalizations[0]?.to[0]?.email === email)
const smsTo = (phone: string | null) => twilio.accepted.filter((m) => m.body.To === phone)
const pushesTo = (token: string) => expo.sent.filter((p) => p.message.to === token)
const expoToken = () => `ExponentPushToken[${randomUUID().replace(/-/g, '').slice(0, 22)}]`

async function parentWithDevice(overrides: Parameters<typeof createUser>[1] = {}) {
  const parent = await createUser(db, overrides)
  const token = expoToken()
  expect((await call('POST', '/api/push/tokens', parent, { token, platform: 'android' })).statusCode).toBe(201)
  return { parent, token }
}

describe('a booking event reaches every channel once', () => {
  it('confirms a booking: inbox row, SendGrid mail (text + HTML), Twilio SMS and an Expo push, each once', async () => {
    ctx.clock.set(MORNING)
    const listing = await createListing(db, { title: 'Junior Chess' })
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 99_900, sessions_count: 1 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS))
    const { parent, token } = await parentWithDevice()
    const child = await createChild(db, parent.id)
    const booked = await call('POST', '/api/bookings', parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] }, { 'idempotency-key': randomUUID() })
    expect(booked.statusCode, booked.body).toBe(201)
    const bookingId = booked.json().booking.id as string
    await flush()
    await flush()

    const inbox = await call('GET', '/api/notifications', parent)
    expect(inbox.statusCode).toBe(200)
    expect(inbox.json()).toMatchObject({ total: 1, unread_count: 1, items: [{ kind: 'booking_confirmed', title: 'Booking confirmed', data: { booking_id: bookingId } }] })
    expect(inbox.json().items[0].body).toContain('Junior Chess')

    const mails = mailsTo(parent.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.body.subject).toBe('Booking confirmed')
    expect(mails[0]!.body.content.map((c) => c.type)).toEqual(['text/plain', 'text/html'])
    expect(mails[0]!.body.content[0]!.value).toContain('₹999')
    expect(mails[0]!.body.content[1]!.value).toContain('<h2>Booking confirmed</h2>')

    const sms = smsTo(parent.phone)
    expect(sms).toHaveLength(1)
    expect(sms[0]!.body).toMatchObject({ From: '+15005550006', Body: expect.stringContaining('Junior Chess') })

    const pushes = pushesTo(token)
    expect(pushes).toHaveLength(1)
    expect(pushes[0]!.message).toMatchObject({ title: 'Booking confirmed', data: { kind: 'booking_confirmed', booking_id: bookingId } })
    expect(pushes[0]!.headers['content-type']).toBe('application/json')

    const rows = await deliveriesOf(parent.id)
    expect(rows.map((r) => `${r.channel}:${r.status}`).sort()).toEqual(['email:sent', 'in_app:sent', 'push:sent', 'sms:sent'])
  })

  it('cancelling tells the refund; Hindi speakers read Hindi', async () => {
    ctx.clock.set(MORNING)
    const listing = await createListing(db, { title: 'Tabla Basics' })
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 50_000, sessions_count: 1 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 5 * DAY_MS))
    const parent = await createUser(db, { preferences: { language: 'hi' } })
    const child = await createChild(db, parent.id)
    const booked = await call('POST', '/api/bookings', parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] }, { 'idempotency-key': randomUUID() })
    expect(booked.statusCode, booked.body).toBe(201)
    const cancelled = await call('POST', `/api/bookings/${booked.json().booking.id}/cancel`, parent, { reason: 'Travelling' })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    await flush()
    const inbox = (await call('GET', '/api/notifications', parent)).json()
    const cancel = inbox.items.find((n: { kind: string }) => n.kind === 'booking_cancelled')
    expect(cancel.title).toBe('बुकिंग रद्द हुई')
    expect(cancel.body).toContain('Tabla Basics')
    expect(cancel.body).toContain('रिफ़ंड')
    expect(cancel.data).toMatchObject({ refund_amount: cancelled.json().refund_amount })
    expect(mailsTo(parent.email).some((m) => m.body.subject === 'बुकिंग रद्द हुई')).toBe(true)
  })
})

describe('never twice for one event and one channel', () => {
  it('a replayed event and a re-run delivery send nothing more (the delivery key)', async () => {
    ctx.clock.set(MORNING)
    const { parent, token } = await parentWithDevice()
    const event: AnyNotificationEvent = { user_id: parent.id, kind: 'listing_approved', event_key: `test-${randomUUID()}`, data: { listing_id: randomUUID() } }
    await emit(event)
    await flush()
    const [push] = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'push')
    // the same event again, and the deliver job of the sent push once more
    await emit(event)
    await ctx.jobs.send(DELIVER_JOB, { delivery_id: push!.id })
    await flush()
    expect(pushesTo(token)).toHaveLength(1)
    expect(mailsTo(parent.email)).toHaveLength(1)
    expect(await deliveriesOf(parent.id)).toHaveLength(3)
    expect((await call('GET', '/api/notifications', parent)).json().total).toBe(1)
  })

  it('a provider failure is retried, then sent once', async () => {
    ctx.clock.set(MORNING)
    const parent = await createUser(db)
    await emit({ user_id: parent.id, kind: 'kyc_verified', event_key: `test-${randomUUID()}`, data: { partner_id: randomUUID() } })
    await ctx.jobs.drain(DISPATCH_JOB)
    sendgrid.failWith(503)
    try {
      await expect(ctx.jobs.drain(DELIVER_JOB)).rejects.toThrow(/HTTP 503/)
    } finally {
      sendgrid.failWith(undefined)
    }
    const [email] = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'email')
    expect(email).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringContaining('503') })
    await ctx.jobs.send(SWEEP_DELIVERIES_JOB, {})
    await ctx.jobs.drain(SWEEP_DELIVERIES_JOB)
    await ctx.jobs.drain(DELIVER_JOB)
    expect(mailsTo(parent.email)).toHaveLength(1)
    const [sent] = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'email')
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 })
  })
})

describe.runIf(usingPostgres())('two API processes', () => {
  it('deliver jobs of one delivery racing each other send it once', async () => {
    ctx.clock.set(MORNING)
    const { parent, token } = await parentWithDevice()
    await emit({ user_id: parent.id, kind: 'badge_awarded', event_key: `test-${randomUUID()}`, data: { badge_id: randomUUID(), badge_name: 'Early Bird' } })
    await ctx.jobs.drain(DISPATCH_JOB)
    const [push] = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'push')
    // what two processes' workers would do with the same job at once
    const { createDeliveryService } = await import('./index.js')
    const other = createDeliveryService({ db, clock: ctx.clock, ids: { next: randomUUID }, jobs: ctx.jobs, email: ctx.providers.email, sms: ctx.providers.sms, push: ctx.providers.push, logger: { info: () => {}, warn: () => {} } })
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => other.deliver(push!.id)))
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1)
    expect(pushesTo(token)).toHaveLength(1)
  })
})

describe('session reminders', () => {
  it('are sent once even when the job runs twice, 24 h and 2 h before', async () => {
    ctx.clock.set(MORNING)
    const listing = await createListing(db, { title: 'Swim Squad' })
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 0, sessions_count: 1 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 30 * HOUR_MS))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const booked = await call('POST', '/api/bookings', parent, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] }, { 'idempotency-key': randomUUID() })
    expect(booked.statusCode, booked.body).toBe(201)
    const reminders = async () => {
      await ctx.jobs.send(REMINDERS_JOB, {})
      await ctx.jobs.drain(REMINDERS_JOB)
      await flush()
    }
    const kinds = async () => (await db.select().from(notifications).where(eq(notifications.user_id, parent.id))).map((n) => n.kind).sort()

    await reminders()
    expect(await kinds()).toEqual(['booking_confirmed'])
    ctx.clock.advance(7 * HOUR_MS) // 23 h before
    await reminders()
    await reminders()
    expect(await kinds()).toEqual(['booking_confirmed', 'session_reminder_24h'])
    ctx.clock.advance(21.5 * HOUR_MS) // 1.5 h before
    await reminders()
    await reminders()
    expect(await kinds()).toEqual(['booking_confirmed', 'session_reminder_24h', 'session_reminder_2h'])
    const reminderMails = mailsTo(parent.email).filter((m) => m.body.subject.includes('Swim Squad'))
    expect(reminderMails).toHaveLength(1) // the 2-hour one goes by SMS and push, not email
    expect(smsTo(parent.phone).filter((m) => String(m.body.Body).includes('two hours'))).toHaveLength(1)
  })
})

describe('push tokens', () => {
  it('registers (idempotently), refuses a malformed token, deletes only your own', async () => {
    const parent = await createUser(db)
    const other = await createUser(db)
    const token = expoToken()
    const first = await call('POST', '/api/push/tokens', parent, { token, platform: 'ios' })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ token, platform: 'ios' })
    expect((await call('POST', '/api/push/tokens', parent, { token, platform: 'ios' })).statusCode).toBe(201)
    expect((await call('POST', '/api/push/tokens', parent, { token: 'not-a-token', platform: 'ios' })).json()).toMatchObject({ code: 'INVALID_PUSH_TOKEN' })
    expect((await call('POST', '/api/push/tokens', parent, { token: `ExponentPushToken[${'x'.repeat(300)}]`, platform: 'ios' })).statusCode).toBe(422)
    expect((await call('POST', '/api/push/tokens', parent, { token, platform: 'symbian' })).statusCode).toBe(422)
    expect((await call('DELETE', `/api/push/tokens/${encodeURIComponent(token)}`, other)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/push/tokens/${encodeURIComponent(token)}`, parent)).statusCode).toBe(204)
    expect((await call('DELETE', `/api/push/tokens/${encodeURIComponent(token)}`, parent)).statusCode).toBe(404)
  })

  it('a token Expo refuses with DeviceNotRegistered is removed at once', async () => {
    ctx.clock.set(MORNING)
    const { parent, token } = await parentWithDevice()
    expo.unregisterAtSend(token)
    await emit({ user_id: parent.id, kind: 'review_reply', event_key: `test-${randomUUID()}`, data: { review_id: randomUUID(), listing_id: randomUUID() } })
    await flush()
    expect(await db.select().from(pushTokens).where(eq(pushTokens.token, token))).toEqual([])
    const [push] = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'push')
    expect(push).toMatchObject({ status: 'failed', error: expect.stringContaining('DeviceNotRegistered') })
  })

  it('a receipt answering DeviceNotRegistered removes the token when the receipts job runs', async () => {
    ctx.clock.set(MORNING)
    const { parent, token } = await parentWithDevice()
    const { token: kept } = await parentWithDevice()
    expo.unregisterAtReceipt(token)
    await emit({ user_id: parent.id, kind: 'payout_paid', event_key: `test-${randomUUID()}`, data: { payout_id: randomUUID(), amount: 1_250_000, utr: 'UTR123' } })
    await flush()
    const [ticket] = await db.select().from(pushTickets).where(eq(pushTickets.token, token))
    expect(ticket).toMatchObject({ checked_at: null })
    // receipts are asked for after 15 minutes
    await ctx.jobs.send(PUSH_RECEIPTS_JOB, {})
    await ctx.jobs.drain(PUSH_RECEIPTS_JOB)
    expect(await db.select().from(pushTokens).where(eq(pushTokens.token, token))).toHaveLength(1)
    ctx.clock.advance(16 * MINUTE_MS)
    await ctx.jobs.send(PUSH_RECEIPTS_JOB, {})
    await ctx.jobs.drain(PUSH_RECEIPTS_JOB)
    expect(expo.receiptRequests.flat()).toContain(ticket!.id)
    expect(await db.select().from(pushTokens).where(eq(pushTokens.token, token))).toEqual([])
    expect(await db.select().from(pushTokens).where(eq(pushTokens.token, kept))).toHaveLength(1)
    const [checked] = await db.select().from(pushTickets).where(eq(pushTickets.id, ticket!.id))
    expect(checked).toMatchObject({ receipt_status: 'error', receipt_error: 'DeviceNotRegistered' })
  })
})

describe('quiet hours and preferences', () => {
  it('holds non-urgent push and SMS from 21:00 to 08:00 India time, then delivers them (not dropped)', async () => {
    ctx.clock.set('2026-01-05T17:00:00.000Z') // 22:30 India time
    const { parent, token } = await parentWithDevice()
    await emit({ user_id: parent.id, kind: 'booking_confirmed', event_key: `test-${randomUUID()}`, data: { booking_id: randomUUID(), listing_id: randomUUID(), amount: 1000 } })
    await flush()
    expect(mailsTo(parent.email)).toHaveLength(1) // email is not held
    expect(pushesTo(token)).toHaveLength(0)
    expect(smsTo(parent.phone)).toHaveLength(0)
    const held = (await deliveriesOf(parent.id)).filter((d) => d.channel === 'push' || d.channel === 'sms')
    expect(held.map((d) => [d.status, d.send_after.toISOString()])).toEqual([
      ['pending', '2026-01-06T02:30:00.000Z'],
      ['pending', '2026-01-06T02:30:00.000Z'],
    ])
    ctx.clock.set('2026-01-06T02:30:00.000Z') // 08:00 India time
    await ctx.jobs.send(SWEEP_DELIVERIES_JOB, {})
    await ctx.jobs.drain(SWEEP_DELIVERIES_JOB)
    await ctx.jobs.drain(DELIVER_JOB)
    expect(pushesTo(token)).toHaveLength(1)
    expect(smsTo(parent.phone)).toHaveLength(1)
  })

  it('lets urgent messages through quiet hours, and quiet hours can be turned off', async () => {
    ctx.clock.set('2026-01-05T17:00:00.000Z')
    const { parent, token } = await parentWithDevice()
    await emit({ user_id: parent.id, kind: 'waitlist_offer', event_key: `test-${randomUUID()}`, data: { entry_id: randomUUID(), session_id: randomUUID(), seats: 1, expires_at: '2026-01-05T19:00:00.000Z' } })
    await flush()
    expect(pushesTo(token)).toHaveLength(1)
    expect((await call('PUT', '/api/notifications/preferences', parent, { quiet_hours: false })).json().quiet_hours).toBe(false)
    await emit({ user_id: parent.id, kind: 'badge_awarded', event_key: `test-${randomUUID()}`, data: { badge_id: randomUUID(), badge_name: 'Streak' } })
    await flush()
    expect(pushesTo(token)).toHaveLength(2)
  })

  it('respects channels turned off; transactional kinds cannot be turned off', async () => {
    ctx.clock.set(MORNING)
    const { parent, token } = await parentWithDevice()
    const defaults = (await call('GET', '/api/notifications/preferences', parent)).json()
    expect(defaults.quiet_hours).toBe(true)
    expect(defaults.kinds.find((k: { kind: string }) => k.kind === 'booking_confirmed')).toEqual({ kind: 'booking_confirmed', transactional: true, channels: { in_app: true, email: true, sms: true, push: true } })

    const off = await call('PUT', '/api/notifications/preferences', parent, { kinds: { kyc_rejected: { email: false, push: false } } })
    expect(off.statusCode).toBe(200)
    expect(off.json().kinds.find((k: { kind: string }) => k.kind === 'kyc_rejected').channels).toEqual({ in_app: true, email: false, push: false })
    await emit({ user_id: parent.id, kind: 'kyc_rejected', event_key: `test-${randomUUID()}`, data: { partner_id: randomUUID(), reason: 'IFSC mismatch' } })
    await flush()
    expect((await deliveriesOf(parent.id)).map((d) => d.channel)).toEqual(['in_app'])
    expect(pushesTo(token)).toHaveLength(0)
    expect(mailsTo(parent.email)).toHaveLength(0)

    const refused = await call('PUT', '/api/notifications/preferences', parent, { kinds: { booking_confirmed: { email: false } } })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('TRANSACTIONAL_NOTIFICATION')
    expect((await call('PUT', '/api/notifications/preferences', parent, { kinds: { badge_awarded: { sms: true } } })).json().code).toBe('CHANNEL_NOT_OFFERED')
    expect((await call('PUT', '/api/notifications/preferences', parent, { kinds: { kyc_rejected: { email: 'no' } } })).statusCode).toBe(422)
    // nothing changed by the refused requests
    expect((await call('GET', '/api/notifications/preferences', parent)).json().kinds.find((k: { kind: string }) => k.kind === 'kyc_rejected').channels.email).toBe(false)
    const on = await call('PUT', '/api/notifications/preferences', parent, { kinds: { kyc_rejected: { email: true, push: true } } })
    expect(on.json().kinds.find((k: { kind: string }) => k.kind === 'kyc_rejected').channels).toEqual({ in_app: true, email: true, push: true })
  })
})

describe('the in-app inbox', () => {
  it('pages newest first with the unread count; reads one (404 for another user’s) and all', async () => {
    ctx.clock.set(MORNING)
    const parent = await createUser(db)
    const other = await createUser(db)
    for (let i = 0; i < 3; i++) {
      await emit({ user_id: parent.id, kind: 'broadcast', event_key: `test-${randomUUID()}`, data: { broadcast_id: randomUUID(), title: `News ${i}`, body: 'Hello', channels: ['in_app'] } })
      ctx.clock.advance(MINUTE_MS)
      await flush()
    }
    const page = (await call('GET', '/api/notifications?page_size=2', parent)).json()
    expect(page).toMatchObject({ total: 3, page: 1, page_size: 2, unread_count: 3 })
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(['News 2', 'News 1'])
    const id = page.items[0].id as string
    expect((await call('POST', `/api/notifications/${id}/read`, other)).statusCode).toBe(404)
    expect((await call('POST', `/api/notifications/${randomUUID()}/read`, parent)).statusCode).toBe(404)
    expect((await call('POST', '/api/notifications/not-a-uuid/read', parent)).statusCode).toBe(422)
    const read = await call('POST', `/api/notifications/${id}/read`, parent)
    expect(read.statusCode).toBe(200)
    expect(read.json().read_at).toBe(ctx.clock.now().toISOString())
    expect((await call('GET', '/api/notifications?unread=true', parent)).json()).toMatchObject({ total: 2, unread_count: 2 })
    expect((await call('POST', '/api/notifications/read-all', parent)).json()).toEqual({ updated: 2 })
    expect((await call('GET', '/api/notifications', parent)).json()).toMatchObject({ total: 3, unread_count: 0 })
    expect((await call('GET', '/api/notifications?page_size=1000', parent)).statusCode).toBe(422)
  })
})

describe('events of the other modules', () => {
  it('KYC review and listing moderation notify the partner', async () => {
    ctx.clock.set(MORNING)
    const admin = await createUser(db, { role: 'admin' })
    const partner = await createPartner(db, { kyc_status: 'submitted' })
    expect((await call('POST', `/api/admin/partners/${partner.id}/kyc`, admin, { decision: 'verify' })).statusCode).toBe(200)
    const listing = await createListing(db, { partner_id: partner.id, status: 'pending_approval', title: 'Clay Studio' })
    expect((await call('POST', `/api/admin/listings/${listing.id}/approve`, admin)).statusCode).toBe(200)
    await flush()
    const owner = { id: partner.user_id, role: 'partner' as const }
    const items = (await call('GET', '/api/notifications', owner)).json().items as Array<{ kind: string; body: string }>
    expect(items.map((n) => n.kind).sort()).toEqual(['kyc_verified', 'listing_approved'])
    expect(items.find((n) => n.kind === 'listing_approved')!.body).toContain('Clay Studio')
  })
})

describe('admin broadcasts', () => {
  it('are audited, sent in batches by a job to the segment, with progress', async () => {
    ctx.clock.set(MORNING)
    const admin = await createUser(db, { role: 'admin' })
    const city = `Town-${randomUUID().slice(0, 6)}`
    const members = await Promise.all([1, 2, 3].map(() => createUser(db, { city })))
    const outsider = await createUser(db, { city, role: 'partner' })
    const res = await call('POST', '/api/admin/notifications/broadcast', admin, { segment: { role: 'customer', city: city.toUpperCase() }, title: 'Camps are open', body: 'Book now', channels: ['in_app', 'email'] })
    expect(res.statusCode, res.body).toBe(202)
    const broadcast = res.json()
    expect(broadcast).toMatchObject({ status: 'sending', total: 3, processed: 0, channels: ['in_app', 'email'] })
    const [audit] = await findAuditLogsForTarget(db, 'notification_broadcast', broadcast.id)
    expect(audit).toMatchObject({ actor_id: admin.id, action: 'notification.broadcast' })

    expect(await ctx.jobs.drain(BROADCAST_JOB)).toBe(2) // batches of 2: 2 users, then 1
    const done = (await call('GET', `/api/admin/notifications/broadcasts/${broadcast.id}`, admin)).json()
    expect(done).toMatchObject({ status: 'completed', total: 3, processed: 3 })
    await flush()
    for (const member of members) {
      expect((await call('GET', '/api/notifications', member)).json().items).toMatchObject([{ kind: 'broadcast', title: 'Camps are open', body: 'Book now' }])
      expect(mailsTo(member.email)).toHaveLength(1)
    }
    expect((await call('GET', '/api/notifications', outsider)).json().total).toBe(0)
    expect(await db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.user_id, members[0]!.id), eq(notificationDeliveries.channel, 'push')))).toEqual([])
  })

  it('refuses bad input and unknown ids', async () => {
    const admin = await createUser(db, { role: 'admin' })
    const bad = [
      { segment: {}, title: 'x', body: 'y', channels: [] },
      { segment: {}, title: 'x', body: 'y', channels: ['fax'] },
      { segment: {}, title: '   ', body: 'y', channels: ['in_app'] },
      { segment: {}, title: 'x'.repeat(121), body: 'y', channels: ['in_app'] },
      { segment: { role: 'alien' }, title: 'x', body: 'y', channels: ['in_app'] },
      { segment: {}, title: 'x', body: 'y\u0000z', channels: ['in_app'] },
    ]
    for (const payload of bad) expect((await call('POST', '/api/admin/notifications/broadcast', admin, payload)).statusCode, JSON.stringify(payload)).toBe(422)
    expect((await call('GET', `/api/admin/notifications/broadcasts/${randomUUID()}`, admin)).statusCode).toBe(404)
    expect((await call('GET', '/api/admin/notifications/broadcasts/nope', admin)).statusCode).toBe(422)
  })
})
