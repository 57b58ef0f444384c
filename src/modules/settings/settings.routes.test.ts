import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPartner, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { settings as configTable } from '../../db/schema/index.js'
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'
import { uuidGenerator } from '../../shared/ids.js'
import { findAuditLogsForTarget } from '../audit/index.js'
import { createBookingsService } from '../bookings/index.js'
import { createMockRefunds } from '../payments/index.js'
import { readSetting } from './index.js'

const ctx = await buildTestApp({ env: { COMMISSION_PERCENT: '15', BOOKING_HOLD_MINUTES: '15' } })
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

interface Setting {
  key: string
  value: unknown
  default: unknown
  is_set: boolean
  schema: Record<string, unknown>
  description: string
  updated_at: string | null
}

async function call(method: 'GET' | 'PUT', url: string, payload?: object, user: { id: string; role: 'customer' | 'partner' | 'admin' } = admin) {
  const headers = await authHeader(user, ctx.clock)
  return ctx.app.inject({ method, url, headers, remoteAddress: '198.51.100.9', ...(payload ? { payload } : {}) })
}

const put = (key: string, value: unknown) => call('PUT', `/api/admin/config/${key}`, { value })

async function settingsNow(): Promise<Record<string, Setting>> {
  const res = await call('GET', '/api/admin/config')
  expect(res.statusCode, res.body).toBe(200)
  return Object.fromEntries((res.json().items as Setting[]).map((s) => [s.key, s]))
}

const storedRows = async () => (await db.select().from(configTable)).map((r) => ({ key: r.key, value: r.value })).sort((a, b) => a.key.localeCompare(b.key))

describe('GET /api/admin/config', () => {
  it('lists every key with the value in use, its default (env for commission and hold minutes) and its schema', async () => {
    const all = await settingsNow()
    expect(Object.keys(all).sort()).toEqual(['booking_hold_minutes', 'cancellation_policy', 'default_commission_percent', 'gst', 'gst_exempt_categories'])
    expect(all.cancellation_policy).toMatchObject({ value: { full_refund_hours: 24, partial_refund_hours: 6, partial_refund_percent: 50 }, is_set: false, updated_at: null })
    expect(all.gst).toMatchObject({ value: { rate_percent: 18 }, default: { rate_percent: 18 } })
    expect(all.gst_exempt_categories!.default).toEqual([])
    expect(all.default_commission_percent).toMatchObject({ value: 15, default: 15 })
    expect(all.booking_hold_minutes).toMatchObject({ value: 15, default: 15, schema: { type: 'integer', minimum: 1, maximum: 120 } })
    expect(all.cancellation_policy!.schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['full_refund_hours', 'partial_refund_hours', 'partial_refund_percent'] })
    for (const s of Object.values(all)) expect(s.description.length).toBeGreaterThan(10)
  })
})

describe('PUT /api/admin/config/{key}', () => {
  it('stores a valid value of each key, audited with before and after, and GET shows it', async () => {
    const values: Record<string, unknown> = {
      cancellation_policy: { full_refund_hours: 48, partial_refund_hours: 12, partial_refund_percent: 25 },
      gst: { rate_percent: 12.5 },
      gst_exempt_categories: ['swimming', 'art-craft'],
      default_commission_percent: 12.25,
      booking_hold_minutes: 30,
    }
    const at = ctx.clock.now().toISOString()
    for (const [key, value] of Object.entries(values)) {
      const before = (await settingsNow())[key]!
      const res = await put(key, value)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ key, value, is_set: true, updated_at: at })
      const [row, ...more] = await findAuditLogsForTarget(db, 'config', key)
      expect(more).toEqual([])
      expect(row).toMatchObject({ actor_id: admin.id, ip: '198.51.100.9', action: 'config.update', before: { value: before.value, is_set: false }, after: { value, is_set: true } })
      // the same value again changes nothing and writes no second row
      expect((await put(key, value)).statusCode).toBe(200)
      expect(await findAuditLogsForTarget(db, 'config', key)).toHaveLength(1)
    }
    const all = await settingsNow()
    for (const [key, value] of Object.entries(values)) expect(all[key]).toMatchObject({ value, is_set: true })
    expect(await readSetting(db, 'booking_hold_minutes')).toBe(30)
    expect(await readSetting(db, 'gst')).toEqual({ rate_percent: 12.5 })
  })

  it('answers 404 to a key that is not a setting and 422 to a bad value, changing nothing', async () => {
    expect((await put('not_a_setting', 1)).statusCode).toBe(404)
    expect((await put('not_a_setting', 1)).json().code).toBe('SETTING_NOT_FOUND')
    expect((await put('__proto__', 1)).statusCode).toBe(404)
    const rowsBefore = await storedRows()
    const bad: Array<[string, unknown]> = [
      ['booking_hold_minutes', 0], ['booking_hold_minutes', 121], ['booking_hold_minutes', 15.5], ['booking_hold_minutes', '20'], ['booking_hold_minutes', null],
      ['booking_hold_minutes', 1e308],
      ['default_commission_percent', -1], ['default_commission_percent', 100.01], ['default_commission_percent', 12.345],
      ['gst', 18], ['gst', { rate_percent: 18.123 }], ['gst', { rate_percent: 101 }], ['gst', { rate_percent: 18, cess: 1 }], ['gst', {}],
      ['gst_exempt_categories', 'swimming'], ['gst_exempt_categories', ['Swimming']], ['gst_exempt_categories', ['a\u0000b']],
      ['gst_exempt_categories', ['dup', 'dup']], ['gst_exempt_categories', ['😀']], ['gst_exempt_categories', ['x'.repeat(100_000)]],
      ['cancellation_policy', { full_refund_hours: 6, partial_refund_hours: 12, partial_refund_percent: 50 }],
      ['cancellation_policy', { full_refund_hours: 24, partial_refund_hours: 6 }],
      ['cancellation_policy', { full_refund_hours: 24, partial_refund_hours: 6, partial_refund_percent: 150 }],
      ['cancellation_policy', { full_refund_hours: -1, partial_refund_hours: 0, partial_refund_percent: 50 }],
    ]
    for (const [key, value] of bad) {
      const res = await put(key, value)
      expect(res.statusCode, `${key} ${JSON.stringify(value).slice(0, 60)}`).toBe(422)
      // text no database can store (a NUL) is refused by the platform's validation before the service sees it
      if (JSON.stringify(value).includes('\\u0000')) expect(res.json().code).toBe('VALIDATION_ERROR')
      else expect(res.json()).toMatchObject({ code: 'INVALID_SETTING_VALUE', detail: expect.stringContaining(key) })
    }
    // a body without `value` is refused by validation
    expect((await call('PUT', '/api/admin/config/gst', {})).statusCode).toBe(422)
    expect(await storedRows()).toEqual(rowsBefore)
  })

  it('is for admins only', async () => {
    const partner = await createUser(db, { role: 'partner' })
    expect((await call('PUT', '/api/admin/config/booking_hold_minutes', { value: 20 }, partner)).statusCode).toBe(403)
    expect((await call('GET', '/api/admin/config', undefined, partner)).statusCode).toBe(403)
  })
})

describe('the services read the config table at the start of each use case, env otherwise', () => {
  it('booking_hold_minutes sets how long a new hold lasts', async () => {
    const bookings = createBookingsService({
      db, clock: ctx.clock, ids: uuidGenerator, jobs: ctx.jobs, refunds: createMockRefunds(uuidGenerator), paymentsMode: 'test',
      holdMinutes: 15, maxPendingHolds: 5, maxReschedules: 2,
    })
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 50_000 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS))
    const parent = await createUser(db)
    const hold = async () => {
      const child = await createChild(db, parent.id)
      const answer = await bookings.createBooking(parent.id, randomUUID(), { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] })
      return (answer.body as { booking: { hold_expires_at: string } }).booking.hold_expires_at
    }
    const inMinutes = (m: number) => new Date(ctx.clock.now().getTime() + m * MINUTE_MS).toISOString()

    await db.delete(configTable).where(eq(configTable.key, 'booking_hold_minutes'))
    expect(await hold()).toBe(inMinutes(15))
    expect((await put('booking_hold_minutes', 45)).statusCode).toBe(200)
    expect(await hold()).toBe(inMinutes(45))
  })

  it('default_commission_percent applies to partners without their own rate', async () => {
    const partner = await createPartner(db)
    const own = await createPartner(db, { commission_percent: '10.50' })
    const percentOf = async (p: { user_id: string }) => {
      const res = await call('GET', '/api/partner/financials/summary', undefined, { id: p.user_id, role: 'partner' })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().commission_percent as number
    }
    await db.delete(configTable).where(eq(configTable.key, 'default_commission_percent'))
    expect(await percentOf(partner)).toBe(15)
    expect((await put('default_commission_percent', 7.5)).statusCode).toBe(200)
    expect(await percentOf(partner)).toBe(7.5)
    expect(await percentOf(own)).toBe(10.5)
  })
})
