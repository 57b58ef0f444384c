// The admin dashboard and analytics, checked figure by figure against a hand-made data set (fresh database per file).
// The test clock is 2026-01-05 10:00 IST. India is UTC+05:30: 18:00Z is 23:30 IST the same day, 18:45Z is 00:15 IST the next.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createSession, createUser } from '../../../test/factories.js'
import { inArray } from 'drizzle-orm'
import { bookings, creditPlans, creditPurchases, extraPayments, payoutRequests, type BOOKING_STATUSES, type PAYMENT_METHODS } from '../../db/schema/index.js'
import { createAnalyticsService } from './analytics.service.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

// customers: C1 and C3 sign up in the current period (C3 at 23:59:59 IST on its last day), C2 in the previous one
const c1 = await createUser(db, { created_at: new Date('2025-12-23T06:00:00Z') })
const c2 = await createUser(db, { created_at: new Date('2025-12-15T06:00:00Z') })
const c3 = await createUser(db, { created_at: new Date('2025-12-31T18:29:59Z') })
const c4 = await createUser(db, { created_at: new Date('2025-10-20T06:00:00Z') })
const c5 = await createUser(db, { created_at: new Date('2025-12-31T18:30:00Z') }) // 00:00 IST 1 Jan: after the period
await createUser(db, { role: 'partner', created_at: new Date('2025-12-24T06:00:00Z') }) // not a customer

const swim = await createCategory(db, { name: 'Swimming' })
const art = await createCategory(db, { name: 'Art' })
const p1 = await createPartner(db, { business_name: 'Aqua Kids' }) // the default rate, 15 %
const p2 = await createPartner(db, { business_name: 'Pune Paints', commission_percent: '10.50' })
const l1 = await createListing(db, { partner_id: p1.id, category_id: swim.id, title: 'Swim L1' })
const l2 = await createListing(db, { partner_id: p2.id, category_id: art.id, title: 'Art L2', venue: { city: 'Pune' } })
const l3 = await createListing(db, { partner_id: p1.id, category_id: art.id, title: 'Art L3' })

interface BookingRow {
  user: { id: string }
  listing: { id: string }
  status: (typeof BOOKING_STATUSES)[number]
  method: (typeof PAYMENT_METHODS)[number]
  amount: number
  confirmedAt: string | null
  refund?: number
  refundStatus?: 'pending' | 'processed' | 'failed'
}
async function booking(b: BookingRow) {
  await db.insert(bookings).values({
    user_id: b.user.id, listing_id: b.listing.id, status: b.status, payment_method: b.method, amount: b.amount,
    credits_amount: b.method === 'credits' ? 6 : 0, confirmed_at: b.confirmedAt ? new Date(b.confirmedAt) : null,
    refund_amount: b.refund ?? 0, refund_status: b.refundStatus ?? null,
  })
}

// the current period in the tests: 22–31 Dec 2025 (10 days); the previous one: 12–21 Dec
await booking({ user: c1, listing: l1, status: 'confirmed', method: 'razorpay', amount: 100_000, confirmedAt: '2025-12-31T18:00:00Z' }) // b1: 23:30 IST 31 Dec
await booking({ user: c2, listing: l2, status: 'cancelled', method: 'razorpay', amount: 80_000, confirmedAt: '2025-12-21T18:45:00Z', refund: 50_000, refundStatus: 'processed' }) // b2: 00:15 IST 22 Dec
await booking({ user: c1, listing: l3, status: 'completed', method: 'credits', amount: 60_000, confirmedAt: '2025-12-25T06:00:00Z' }) // b3
await booking({ user: c3, listing: l1, status: 'confirmed', method: 'mock', amount: 33_333, confirmedAt: '2025-12-24T06:00:00Z' }) // b4
await booking({ user: c1, listing: l1, status: 'confirmed', method: 'razorpay', amount: 70_000, confirmedAt: '2025-12-31T18:45:00Z' }) // b5: 00:15 IST 1 Jan
await booking({ user: c3, listing: l1, status: 'pending_payment', method: 'razorpay', amount: 99_900, confirmedAt: null }) // never paid
await booking({ user: c3, listing: l1, status: 'expired', method: 'razorpay', amount: 99_900, confirmedAt: null }) // never paid
await booking({ user: c2, listing: l1, status: 'confirmed', method: 'razorpay', amount: 50_000, confirmedAt: '2025-12-21T18:00:00Z' }) // b8: 23:30 IST 21 Dec
await booking({ user: c2, listing: l2, status: 'completed', method: 'razorpay', amount: 20_000, confirmedAt: '2025-12-12T00:00:00Z' }) // b9
await booking({ user: c4, listing: l2, status: 'confirmed', method: 'razorpay', amount: 10_000, confirmedAt: '2025-12-11T18:29:00Z' }) // b10: 23:59 IST 11 Dec
await booking({ user: c4, listing: l3, status: 'cancelled', method: 'razorpay', amount: 40_000, confirmedAt: '2025-11-01T06:00:00Z', refund: 40_000, refundStatus: 'failed' }) // b11
await booking({ user: c5, listing: l3, status: 'confirmed', method: 'credits', amount: 10_000, confirmedAt: '2025-11-30T18:45:00Z' }) // b12: 00:15 IST 1 Dec

// credit plan sales: one paid in each period, a free trial and a failed attempt that do not count
const [plan] = await db.insert(creditPlans).values({ name: 'Starter', credits: 10, price: 29_900, validity_days: 30 }).returning()
async function purchase(user: { id: string }, amount: number, paidAt: string, extra: { status?: 'paid' | 'failed'; method?: 'razorpay' | 'free' } = {}) {
  const at = new Date(paidAt)
  const status = extra.status ?? 'paid'
  await db.insert(creditPurchases).values({
    id: randomUUID(), user_id: user.id, plan_id: plan!.id, plan_name: 'Starter', status, amount, credits: 10, bonus_credits: 0, validity_days: 30,
    is_trial: extra.method === 'free', payment_method: extra.method ?? 'razorpay', paid_at: status === 'paid' ? at : null,
    expires_at: status === 'paid' ? new Date(at.getTime() + 30 * 86_400_000) : null, created_at: at, updated_at: at,
  })
}
await purchase(c1, 29_900, '2025-12-28T06:00:00Z')
await purchase(c2, 49_900, '2025-12-14T06:00:00Z')
await purchase(c3, 0, '2025-12-29T06:00:00Z', { method: 'free' })
await purchase(c3, 29_900, '2025-12-29T07:00:00Z', { status: 'failed' })

// sessions: one held in each period, a cancelled one, and one later today (not held yet)
await createSession(db, l1.id, new Date('2025-12-24T04:30:00Z'), { capacity: 10, seats_taken: 6 })
await createSession(db, l1.id, new Date('2025-12-26T04:30:00Z'), { capacity: 10, seats_taken: 2, status: 'cancelled' })
await createSession(db, l2.id, new Date('2025-12-15T04:30:00Z'), { capacity: 20, seats_taken: 5 })
await createSession(db, l1.id, new Date('2026-01-05T05:00:00Z'), { capacity: 10, seats_taken: 10 }) // 10:30 IST today

// the queues: two listings waiting for review, one KYC, one failed booking refund (b11) and one failed duplicate-payment refund
await createListing(db, { partner_id: p1.id, category_id: swim.id, status: 'pending_approval' })
await createListing(db, { partner_id: p2.id, category_id: art.id, status: 'pending_approval' })
await createPartner(db, { kyc_status: 'submitted' })
await db.insert(extraPayments).values({
  payment_id: 'pay_dup1', order_id: 'order_dup1', subject_type: 'credit_purchase', subject_id: randomUUID(), amount: 29_900, refund_status: 'failed',
  created_at: new Date('2025-12-20T06:00:00Z'), updated_at: new Date('2025-12-20T06:00:00Z'),
})

const get = async (url: string, user: { id: string; role: 'customer' | 'partner' | 'admin' } = admin) =>
  ctx.app.inject({ url, headers: await authHeader(user, ctx.clock) })

describe('GET /api/admin/dashboard', () => {
  it('gives every figure of the period and of the one before it, India days, to the paisa', async () => {
    const res = await get('/api/admin/dashboard?from=2025-12-22&to=2025-12-31')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      currency: 'INR',
      period: { from: '2025-12-22', to: '2025-12-31' },
      previous_period: { from: '2025-12-12', to: '2025-12-21' },
      current: {
        // b1 + b2 + b4 (b3 paid with credits; b5 is 1 Jan in India)
        gmv: 213_333, refunds: 50_000,
        // b1 15 % of 100,000; b2 10.5 % of (80,000 − 50,000) = 3,150; b3 15 % of 60,000; b4 15 % of 33,333 = 4,999.95 → 5,000
        net_revenue: 32_150,
        credit_sales_amount: 29_900, credit_sales_count: 1,
        bookings: 4, cancellations: 1, cancellation_rate: 0.25,
        new_customers: 2, customers_booked: 3, active_partners: 2,
        sessions_held: 1, seats_booked: 6, seats_capacity: 10, fill_rate: 0.6,
      },
      previous: {
        // b8 (23:30 IST on 21 Dec) + b9; b10 is 11 Dec in India
        gmv: 70_000, refunds: 0, net_revenue: 7_500 + 2_100,
        credit_sales_amount: 49_900, credit_sales_count: 1,
        bookings: 2, cancellations: 0, cancellation_rate: 0,
        new_customers: 1, customers_booked: 1, active_partners: 2,
        sessions_held: 1, seats_booked: 5, seats_capacity: 20, fill_rate: 0.25,
      },
      queues: { listings_pending_review: 2, kyc_pending: 1, payout_requests_pending: 0, failed_refunds: 2 },
    })
  })

  it('defaults to the last 30 India days ending today, and counts only sessions that have started', async () => {
    const body = (await get('/api/admin/dashboard')).json()
    expect(body.period).toEqual({ from: '2025-12-07', to: '2026-01-05' })
    expect(body.previous_period).toEqual({ from: '2025-11-07', to: '2025-12-06' })
    // the sessions of 15 and 24 Dec; today's 10:30 IST one has not started at 10:00
    expect(body.current).toMatchObject({ sessions_held: 2, seats_booked: 11, seats_capacity: 30, fill_rate: 0.3667 })
    // b1–b5 and b8–b10 in this period; b12 (00:15 IST on 1 Dec, credits) in the previous one (7 Nov – 6 Dec), b11 (1 Nov) in neither
    expect(body.current).toMatchObject({ bookings: 8, gmv: 363_333, customers_booked: 4 })
    expect(body.previous).toMatchObject({ bookings: 1, gmv: 0, refunds: 0, net_revenue: 1_500, customers_booked: 1, active_partners: 1 })
  })

  it('counts the payout requests waiting through the payouts module’s port', async () => {
    const executors: unknown[] = []
    const analytics = createAnalyticsService({
      db, clock: ctx.clock, defaultCommissionPercent: 15,
      payoutQueue: { pendingPayoutRequests: async (executor) => { executors.push(executor); return 7 } },
    })
    const dashboard = await analytics.dashboard({ from: '2025-12-22', to: '2025-12-31' })
    expect(dashboard.queues).toEqual({ listings_pending_review: 2, kyc_pending: 1, payout_requests_pending: 7, failed_refunds: 2 })
    expect(executors).toEqual([db])
  })

  it('counts the payout requests still waiting for an admin (requested or approved) from the payouts module', async () => {
    const partner = await createPartner(db)
    const at = ctx.clock.now()
    const row = (status: 'requested' | 'approved' | 'paid' | 'rejected') => ({
      id: randomUUID(), partner_id: partner.id, amount: 10_000, status, created_at: at, updated_at: at,
      ...(status === 'paid' ? { paid_at: at, utr: 'UTR123456789012', mode: 'manual' as const } : {}),
      ...(status === 'rejected' ? { rejection_reason: 'Bank details do not match' } : {}),
    })
    const rows = [row('requested'), row('requested'), row('approved'), row('paid'), row('rejected')]
    await db.insert(payoutRequests).values(rows)
    try {
      const res = await get('/api/admin/dashboard?from=2025-12-22&to=2025-12-31')
      expect(res.json<{ queues: { payout_requests_pending: number } }>().queues.payout_requests_pending).toBe(3)
    } finally {
      await db.delete(payoutRequests).where(inArray(payoutRequests.id, rows.map((r) => r.id)))
    }
  })

  it('uses the configured default commission for partners without their own rate', async () => {
    const analytics = createAnalyticsService({ db, clock: ctx.clock, defaultCommissionPercent: 20, payoutQueue: { pendingPayoutRequests: async () => 0 } })
    // b1 20,000 + b2 3,150 + b3 12,000 + b4 6,666.6 → 6,667
    expect((await analytics.dashboard({ from: '2025-12-22', to: '2025-12-31' })).current.net_revenue).toBe(41_817)
  })

  it('refuses a backwards or malformed range, and is for admins only', async () => {
    const backwards = await get('/api/admin/dashboard?from=2025-12-31&to=2025-12-01')
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().code).toBe('INVALID_DATE_RANGE')
    for (const bad of ['from=2025-13-01', 'from=2025-02-30', 'to=31-12-2025', 'from=%00', `from=${'9'.repeat(5_000)}`, 'to=2025-12-31%F0%9F%98%80', 'from=9999-12-31&to=9999-12-31', 'from=0001-01-01'])
      expect((await get(`/api/admin/dashboard?${bad}`)).statusCode, bad).toBe(422)
    expect((await get('/api/admin/dashboard', c1)).statusCode).toBe(403)
    expect((await ctx.app.inject({ url: '/api/admin/dashboard' })).statusCode).toBe(401)
  })
})

describe('GET /api/admin/analytics/timeseries', () => {
  const series = async (query: string) => {
    const res = await get(`/api/admin/analytics/timeseries?${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  it('sums GMV per India day, empty days as 0, 23:30 IST on that day and 00:15 IST on the next', async () => {
    const body = await series('metric=gmv&bucket=day&from=2025-12-20&to=2025-12-26')
    expect(body).toEqual({
      metric: 'gmv', bucket: 'day', unit: 'paise', from: '2025-12-20', to: '2025-12-26', total: 163_333,
      points: [
        { start: '2025-12-20', value: 0 }, { start: '2025-12-21', value: 50_000 }, { start: '2025-12-22', value: 80_000 },
        { start: '2025-12-23', value: 0 }, { start: '2025-12-24', value: 33_333 }, { start: '2025-12-25', value: 0 }, { start: '2025-12-26', value: 0 },
      ],
    })
    expect((await series('metric=gmv&bucket=day&from=2025-12-31&to=2026-01-01')).points).toEqual([
      { start: '2025-12-31', value: 100_000 }, { start: '2026-01-01', value: 70_000 },
    ])
  })

  it('buckets by ISO week (Monday first) and by month, counting only the days asked for', async () => {
    // 20 Dec 2025 is a Saturday: its week starts on Monday 15 Dec (b9 on 12 Dec is outside the range)
    expect((await series('metric=gmv&bucket=week&from=2025-12-20&to=2025-12-31')).points).toEqual([
      { start: '2025-12-15', value: 50_000 }, { start: '2025-12-22', value: 113_333 }, { start: '2025-12-29', value: 100_000 },
    ])
    expect(await series('metric=gmv&bucket=month&from=2025-10-01&to=2026-01-31')).toMatchObject({
      total: 403_333,
      points: [{ start: '2025-10-01', value: 0 }, { start: '2025-11-01', value: 40_000 }, { start: '2025-12-01', value: 293_333 }, { start: '2026-01-01', value: 70_000 }],
    })
  })

  it('counts bookings, customer sign-ups and credit plan sales', async () => {
    expect((await series('metric=bookings&bucket=month&from=2025-11-01&to=2025-12-31')).points).toEqual([
      { start: '2025-11-01', value: 1 }, { start: '2025-12-01', value: 8 },
    ])
    expect(await series('metric=signups&bucket=month&from=2025-12-01&to=2026-01-31')).toMatchObject({
      unit: 'count', points: [{ start: '2025-12-01', value: 3 }, { start: '2026-01-01', value: 1 }],
    })
    expect(await series('metric=credits_sold&bucket=week&from=2025-12-08&to=2025-12-31')).toMatchObject({
      unit: 'paise', total: 79_800,
      points: [{ start: '2025-12-08', value: 49_900 }, { start: '2025-12-15', value: 0 }, { start: '2025-12-22', value: 29_900 }, { start: '2025-12-29', value: 0 }],
    })
  })

  it('caps the number of buckets and refuses unknown metrics', async () => {
    const tooMany = await get('/api/admin/analytics/timeseries?metric=gmv&bucket=day&from=2025-01-01&to=2026-01-05')
    expect(tooMany.statusCode).toBe(422)
    expect(tooMany.json().code).toBe('TOO_MANY_BUCKETS')
    expect((await series('metric=gmv&bucket=week&from=2025-01-01&to=2026-01-05')).points).toHaveLength(54)
    for (const bad of ['metric=revenue', 'metric=gmv&bucket=year', 'bucket=day', 'metric=gmv&from=2026-01-05&to=2026-01-01'])
      expect((await get(`/api/admin/analytics/timeseries?${bad}`)).statusCode, bad).toBe(422)
  })
})

describe('GET /api/admin/analytics/breakdown', () => {
  const breakdown = async (query: string) => {
    const res = await get(`/api/admin/analytics/breakdown?from=2025-12-22&to=2025-12-31&${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const total = { bookings: 4, gmv: 213_333 }

  it('splits the period’s bookings and GMV by city, category, partner and listing', async () => {
    expect(await breakdown('by=city')).toEqual({
      by: 'city', from: '2025-12-22', to: '2025-12-31',
      items: [{ key: 'Gurgaon', label: 'Gurgaon', bookings: 3, gmv: 133_333 }, { key: 'Pune', label: 'Pune', bookings: 1, gmv: 80_000 }],
      others: { groups: 0, bookings: 0, gmv: 0 }, total,
    })
    expect((await breakdown('by=category')).items).toEqual([
      { key: swim.id, label: 'Swimming', bookings: 2, gmv: 133_333 }, { key: art.id, label: 'Art', bookings: 2, gmv: 80_000 },
    ])
    expect((await breakdown('by=listing')).items).toEqual([
      { key: l1.id, label: 'Swim L1', bookings: 2, gmv: 133_333 }, { key: l2.id, label: 'Art L2', bookings: 1, gmv: 80_000 },
      { key: l3.id, label: 'Art L3', bookings: 1, gmv: 0 },
    ])
  })

  it('lists the top N and sums the rest', async () => {
    expect(await breakdown('by=partner&limit=1')).toMatchObject({
      items: [{ key: p1.id, label: 'Aqua Kids', bookings: 3, gmv: 133_333 }],
      others: { groups: 1, bookings: 1, gmv: 80_000 }, total,
    })
    const empty = await get('/api/admin/analytics/breakdown?by=city&from=2024-01-01&to=2024-01-31')
    expect(empty.json()).toMatchObject({ items: [], others: { groups: 0, bookings: 0, gmv: 0 }, total: { bookings: 0, gmv: 0 } })
    for (const bad of ['by=venue', 'by=city&limit=0', 'by=city&limit=101', 'by=city&limit=99999999999999999999', ''])
      expect((await get(`/api/admin/analytics/breakdown?${bad}`)).statusCode, bad).toBe(422)
  })
})

describe('GET /api/admin/analytics/cohorts', () => {
  it('groups customers by the India month of their first booking and counts who booked again each month since', async () => {
    const res = await get('/api/admin/analytics/cohorts?from=2025-10-15&to=2025-12-31')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      from_month: '2025-10', to_month: '2025-12',
      cohorts: [
        // nobody's first booking was in October (C3's unpaid ones do not count)
        { month: '2025-10', customers: 0, retention: [1, 2, 3].map((m) => ({ month_offset: m, customers: 0, share: 0 })) },
        // C4: 1 Nov, then again 11 Dec (23:59 IST)
        { month: '2025-11', customers: 1, retention: [{ month_offset: 1, customers: 1, share: 1 }, { month_offset: 2, customers: 0, share: 0 }] },
        // C1, C2, C3 and C5 (00:15 IST on 1 Dec); C1 again at 00:15 IST on 1 Jan
        { month: '2025-12', customers: 4, retention: [{ month_offset: 1, customers: 1, share: 0.25 }] },
      ],
    })
  })

  it('defaults to the last 12 months including this one, and caps the table', async () => {
    const body = (await get('/api/admin/analytics/cohorts')).json()
    expect(body).toMatchObject({ from_month: '2025-02', to_month: '2026-01' })
    expect(body.cohorts.at(-1)).toEqual({ month: '2026-01', customers: 0, retention: [] })
    const tooMany = await get('/api/admin/analytics/cohorts?from=2020-01-01&to=2025-12-31')
    expect(tooMany.statusCode).toBe(422)
    expect(tooMany.json().code).toBe('TOO_MANY_BUCKETS')
    expect((await get('/api/admin/analytics/cohorts?from=2025-12-01&to=2025-11-01')).statusCode).toBe(422)
    expect((await get('/api/admin/analytics/cohorts?to=9999-12-31')).statusCode).toBe(422)
    expect((await get('/api/admin/analytics/cohorts?from=2999-12-01&to=2999-12-31')).statusCode).toBe(200)
  })
})
