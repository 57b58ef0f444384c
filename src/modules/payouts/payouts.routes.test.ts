// Payout requests in the default manual mode: the payable cap, the partner's own view, the admin state machine with its
// audit rows, and what the financial summary shows; 20 racing requests on PostgreSQL never exceed what is payable.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { eq } from 'drizzle-orm'
import { bookings, notifications, payoutRequests } from '../../db/schema/index.js'
import { DISPATCH_JOB } from '../notifications/index.js'
import { findAuditLogsForTarget } from '../audit/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const customer = await createUser(db)
const admin = await createUser(db, { role: 'admin' })
const adminHeaders = await authHeader(admin, ctx.clock)

/** A verified partner at 0% commission whose completed bookings make `earned` paise payable. */
async function partnerWithEarnings(earned: number, overrides: Parameters<typeof createPartner>[1] = {}) {
  const partner = await createPartner(db, { commission_percent: '0', ...overrides })
  const listing = await createListing(db, { partner_id: partner.id })
  if (earned > 0) await db.insert(bookings).values({ user_id: customer.id, listing_id: listing.id, status: 'completed', amount: earned, confirmed_at: new Date('2026-01-01T06:00:00Z') })
  return { partner, headers: await authHeader({ id: partner.user_id, role: 'partner' }, ctx.clock) }
}

const request = (headers: Record<string, string>, amount: unknown, key: string = randomUUID()) =>
  ctx.app.inject({ method: 'POST', url: '/api/partner/payout-requests', headers: { ...headers, 'idempotency-key': key }, payload: { amount } })
const summary = async (headers: Record<string, string>) => (await ctx.app.inject({ url: '/api/partner/financials/summary', headers })).json()
const act = (id: string, action: 'approve' | 'reject' | 'mark-paid', payload?: object) =>
  ctx.app.inject({ method: 'POST', url: `/api/admin/payout-requests/${id}/${action}`, headers: adminHeaders, ...(payload ? { payload } : {}) })

describe('POST /api/partner/payout-requests', () => {
  it('takes at most payable_now, which then subtracts the request', async () => {
    const { headers } = await partnerWithEarnings(100_000)
    expect((await summary(headers)).payable_now).toBe(100_000)
    const res = await request(headers, 60_000)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ amount: 60_000, status: 'requested', mode: null, utr: null, paid_at: null })
    expect((await summary(headers)).payable_now).toBe(40_000)
    const over = await request(headers, 40_001)
    expect(over.statusCode).toBe(409)
    expect(over.json()).toMatchObject({ code: 'PAYOUT_EXCEEDS_PAYABLE' })
    expect((await request(headers, 40_000)).statusCode).toBe(201)
    expect((await summary(headers)).payable_now).toBe(0)
  })

  it('counts only settled bookings, net of refunds and commission', async () => {
    const partner = await createPartner(db) // default 15%
    const listing = await createListing(db, { partner_id: partner.id })
    await db.insert(bookings).values([
      { user_id: customer.id, listing_id: listing.id, status: 'completed', amount: 100_000, confirmed_at: new Date('2025-06-01T06:00:00Z') }, // 85,000, long before the summary's range
      { user_id: customer.id, listing_id: listing.id, status: 'cancelled', amount: 50_000, refund_amount: 30_000, refund_status: 'processed', confirmed_at: new Date('2026-01-02T06:00:00Z') }, // 17,000
      { user_id: customer.id, listing_id: listing.id, status: 'confirmed', amount: 90_000, confirmed_at: new Date('2026-01-03T06:00:00Z') }, // not settled
    ])
    const headers = await authHeader({ id: partner.user_id, role: 'partner' }, ctx.clock)
    expect((await summary(headers)).payable_now).toBe(102_000)
    expect((await request(headers, 102_001)).statusCode).toBe(409)
    expect((await request(headers, 102_000)).statusCode).toBe(201)
  })

  it('replays the first answer for a repeated Idempotency-Key and refuses it with another body', async () => {
    const { headers } = await partnerWithEarnings(10_000)
    const key = randomUUID()
    const first = await request(headers, 5_000, key)
    const again = await request(headers, 5_000, key)
    expect(again.statusCode).toBe(201)
    expect(again.json().id).toBe(first.json().id)
    expect((await request(headers, 6_000, key)).json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    expect((await summary(headers)).payable_now).toBe(5_000)
  })

  it('needs verified KYC and an active partner', async () => {
    const { headers } = await partnerWithEarnings(10_000, { kyc_status: 'submitted' })
    expect((await request(headers, 1_000)).json()).toMatchObject({ code: 'KYC_NOT_VERIFIED' })
    const suspended = await partnerWithEarnings(10_000, { status: 'suspended' })
    expect((await request(suspended.headers, 1_000)).statusCode).toBe(409)
  })

  it('answers 422 for bad amounts or no key, and writes nothing', async () => {
    const { partner, headers } = await partnerWithEarnings(10_000)
    for (const amount of [0, 99, -100, 1.5, 1e20, 'five', null, 'x'.repeat(100_000)]) expect((await request(headers, amount)).statusCode).toBe(422)
    const noKey = await ctx.app.inject({ method: 'POST', url: '/api/partner/payout-requests', headers, payload: { amount: 1_000 } })
    expect(noKey.statusCode).toBe(422)
    const rows = await db.select().from(payoutRequests)
    expect(rows.filter((r) => r.partner_id === partner.id)).toEqual([])
  })

  it('takes only the amount (nothing else sent is assigned)', async () => {
    const { headers } = await partnerWithEarnings(10_000)
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/partner/payout-requests', headers: { ...headers, 'idempotency-key': randomUUID() },
      payload: { amount: 1_000, status: 'paid', mode: 'razorpayx', utr: 'HDFCN52026010512345', partner_id: randomUUID() },
    })
    expect(res.json()).toMatchObject({ amount: 1_000, status: 'requested', mode: null, utr: null })
  })

  it('is 404 without a partner profile', async () => {
    const user = await createUser(db, { role: 'partner' })
    expect((await request(await authHeader(user, ctx.clock), 1_000)).statusCode).toBe(404)
  })
})

describe('GET /api/partner/payout-requests', () => {
  it('lists only the partner’s own requests, newest first, and 404s another partner’s one', async () => {
    const mine = await partnerWithEarnings(10_000)
    const theirs = await partnerWithEarnings(10_000)
    const a = (await request(mine.headers, 1_000)).json()
    ctx.clock.advance(60_000)
    const b = (await request(mine.headers, 2_000)).json()
    const other = (await request(theirs.headers, 3_000)).json()
    const page = (await ctx.app.inject({ url: '/api/partner/payout-requests?page_size=10', headers: mine.headers })).json()
    expect(page).toMatchObject({ total: 2, page: 1, page_size: 10 })
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id])
    expect(page.items[0]).not.toHaveProperty('razorpayx_payout_id')
    expect((await ctx.app.inject({ url: `/api/partner/payout-requests/${a.id}`, headers: mine.headers })).json()).toMatchObject({ id: a.id, amount: 1_000 })
    const foreign = await ctx.app.inject({ url: `/api/partner/payout-requests/${other.id}`, headers: mine.headers })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json()).toMatchObject({ code: 'PAYOUT_REQUEST_NOT_FOUND' })
    expect((await ctx.app.inject({ url: `/api/partner/payout-requests/${randomUUID()}`, headers: mine.headers })).statusCode).toBe(404)
    expect((await ctx.app.inject({ url: '/api/partner/payout-requests/not-a-uuid', headers: mine.headers })).statusCode).toBe(422)
    expect((await ctx.app.inject({ url: '/api/partner/payout-requests?status=lost', headers: mine.headers })).statusCode).toBe(422)
  })
})

describe('admin payout requests (manual mode)', () => {
  it('approve → mark-paid with a UTR: audited, paid_out counts it, payable_now still excludes it', async () => {
    const { partner, headers } = await partnerWithEarnings(50_000)
    const { id } = (await request(headers, 30_000)).json()
    const approved = await act(id, 'approve')
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', mode: 'manual', reviewed_by: admin.id, partner_business_name: partner.business_name })
    expect((await act(id, 'approve')).json()).toMatchObject({ code: 'PAYOUT_WRONG_STATE' })
    ctx.clock.advance(60_000)
    for (const utr of ['short', 'HDFC-2026-1234567', 'X'.repeat(23), 'ＨＤＦＣ１２３４５６７８９０', '']) expect((await act(id, 'mark-paid', { utr })).statusCode).toBe(422)
    const paid = await act(id, 'mark-paid', { utr: 'hdfcn52026010512345' })
    expect(paid.statusCode).toBe(200)
    expect(paid.json()).toMatchObject({ status: 'paid', utr: 'HDFCN52026010512345', paid_at: ctx.clock.now().toISOString() })
    expect((await act(id, 'mark-paid', { utr: 'HDFCN52026010512345' })).statusCode).toBe(409)
    // the partner hears of it once, through the notifications the paying transaction enqueued
    await ctx.jobs.drain(DISPATCH_JOB)
    const told = await db.select({ kind: notifications.kind, data: notifications.data }).from(notifications).where(eq(notifications.user_id, partner.user_id))
    expect(told).toEqual([{ kind: 'payout_paid', data: { payout_id: id, amount: 30_000, utr: 'HDFCN52026010512345' } }])
    expect((await act(id, 'reject', { reason: 'Too late now' })).statusCode).toBe(409)
    expect(await summary(headers)).toMatchObject({ paid_out: 30_000, payable_now: 20_000 })
    const december = await ctx.app.inject({ url: '/api/partner/financials/summary?from=2025-12-01&to=2025-12-31', headers })
    expect(december.json()).toMatchObject({ paid_out: 0, payable_now: 20_000 }) // paid in January
    const audit = await findAuditLogsForTarget(db, 'payout_request', id)
    expect(audit.map((a) => [a.action, a.actor_id, (a.before as { status: string }).status, (a.after as { status: string }).status])).toEqual([
      ['payout.mark_paid', admin.id, 'approved', 'paid'],
      ['payout.approve', admin.id, 'requested', 'approved'],
    ])
  })

  it('mark-paid needs an approved request; reject gives the amount back with the reason', async () => {
    const { headers } = await partnerWithEarnings(20_000)
    const { id } = (await request(headers, 20_000)).json()
    expect((await act(id, 'mark-paid', { utr: 'HDFCN52026010512345' })).json()).toMatchObject({ code: 'PAYOUT_WRONG_STATE' })
    expect((await act(id, 'reject', { reason: '  ' })).statusCode).toBe(422)
    expect((await act(id, 'reject', { reason: 'a\u0000b c' })).statusCode).toBe(422)
    expect((await act(id, 'reject', { reason: 'x'.repeat(100_000) })).statusCode).toBe(422)
    const rejected = await act(id, 'reject', { reason: 'Bank details do not match 🙏' })
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejection_reason: 'Bank details do not match 🙏' })
    expect((await act(id, 'approve')).statusCode).toBe(409)
    expect((await summary(headers)).payable_now).toBe(20_000)
    expect((await findAuditLogsForTarget(db, 'payout_request', id)).map((a) => a.action)).toEqual(['payout.reject'])
  })

  it('404s a missing request and 422s a malformed id', async () => {
    expect((await act(randomUUID(), 'approve')).statusCode).toBe(404)
    expect((await act('nope', 'approve')).statusCode).toBe(422)
  })

  it('lists with filters by status, partner and India days', async () => {
    const { partner, headers } = await partnerWithEarnings(90_000)
    ctx.clock.set(new Date('2026-01-05T18:29:00Z')) // 23:59 IST on 5 Jan
    const late = (await request(headers, 1_000)).json()
    ctx.clock.set(new Date('2026-01-05T18:31:00Z')) // 00:01 IST on 6 Jan
    const next = (await request(headers, 2_000)).json()
    await act(next.id, 'approve')
    const list = async (query: string) => ctx.app.inject({ url: `/api/admin/payout-requests?partner_id=${partner.id}&${query}`, headers: adminHeaders })
    expect((await list('')).json()).toMatchObject({ total: 2, items: [{ id: next.id, partner_business_name: partner.business_name }, { id: late.id }] })
    expect((await list('status=approved')).json().items.map((i: { id: string }) => i.id)).toEqual([next.id])
    expect((await list('from=2026-01-05&to=2026-01-05')).json().items.map((i: { id: string }) => i.id)).toEqual([late.id])
    expect((await list('from=2026-01-06')).json().items.map((i: { id: string }) => i.id)).toEqual([next.id])
    const backwards = await list('from=2026-01-06&to=2026-01-05')
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().code).toBe('INVALID_DATE_RANGE')
    expect((await list('status=nope')).statusCode).toBe(422)
    expect((await ctx.app.inject({ url: '/api/admin/payout-requests', headers: await authHeader({ id: partner.user_id, role: 'partner' }, ctx.clock) })).statusCode).toBe(403)
  })
})

describe.runIf(usingPostgres())('racing payout requests (PostgreSQL)', () => {
  it('20 parallel requests never together exceed what is payable', async () => {
    const { partner, headers } = await partnerWithEarnings(50_000)
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await fetch(`${base}/api/partner/payout-requests`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ amount: 7_000 }),
        })
        return res.status
      }),
    )
    expect(statuses.filter((s) => s === 201)).toHaveLength(7)
    expect(statuses.filter((s) => s === 409)).toHaveLength(13)
    const rows = (await db.select().from(payoutRequests)).filter((r) => r.partner_id === partner.id)
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(49_000)
  })
})
