// Admin management of partners: suspension (listings leave public reads at once, caches included), commission, notes,
// the list's figures. The app caches home feeds and category counts, as production does, to prove suspension beats it.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createSession, createUser } from '../../../test/factories.js'
import { bookings } from '../../db/schema/index.js'
import { HOUR_MS } from '../../shared/clock.js'
import type { Role } from '../../shared/auth.js'
import { findAuditLogsForTarget } from '../audit/index.js'

const ctx = await buildTestApp({ env: { HOME_FEED_CACHE_SECONDS: '600' } })
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, user?: { id: string; role: Role }) {
  return ctx.app.inject({ method, url, headers: user === undefined ? await authHeader(admin, ctx.clock) : await authHeader(user, ctx.clock), ...(payload ? { payload } : {}) })
}
const publicGet = (url: string) => ctx.app.inject({ method: 'GET', url })
const suspend = (id: string, reason: unknown = 'Forged KYC documents') => call('POST', `/api/admin/partners/${id}/suspend`, { reason })
const reactivate = (id: string) => call('POST', `/api/admin/partners/${id}/reactivate`)
const setCommission = (id: string, commission_percent: unknown) => call('PUT', `/api/admin/partners/${id}/commission`, { commission_percent })
const setNotes = (id: string, notes: unknown) => call('PUT', `/api/admin/partners/${id}/notes`, { notes })

describe('POST /api/admin/partners/{id}/suspend and /reactivate', () => {
  it('takes the partner’s listings out of every public read at once, cached feeds included, and brings them back', async () => {
    const category = await createCategory(db)
    const partner = await createPartner(db)
    const listing = await createListing(db, { partner_id: partner.id, category_id: category.id, trial_available: true, trial_price: 0 })
    await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 24 * HOUR_MS))

    const reads = {
      search: async () => (await publicGet(`/api/search?category=${category.slug}`)).json().items.map((l: { id: string }) => l.id),
      detail: async () => (await publicGet(`/api/listings/${listing.id}`)).statusCode,
      sessions: async () => (await publicGet(`/api/listings/${listing.id}/sessions`)).statusCode,
      trials: async () => (await publicGet('/api/home/trials?limit=50')).json().items.some((l: { id: string }) => l.id === listing.id),
      soon: async () => (await publicGet('/api/home/starting-soon?limit=50')).json().items.some((l: { id: string }) => l.id === listing.id),
      categoryCount: async () => (await publicGet('/api/categories')).json().find((c: { id: string }) => c.id === category.id)?.listing_count,
    }
    const visible = { search: [listing.id], detail: 200, sessions: 200, trials: true, soon: true, categoryCount: 1 }
    const hidden = { search: [], detail: 404, sessions: 404, trials: false, soon: false, categoryCount: 0 }
    const readAll = async () => Object.fromEntries(await Promise.all(Object.entries(reads).map(async ([k, read]) => [k, await read()])))
    expect(await readAll()).toEqual(visible) // and the feeds and counts are now cached

    const res = await suspend(partner.id, '  Forged KYC documents ')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: partner.id, status: 'suspended', suspended_reason: 'Forged KYC documents', suspended_at: ctx.clock.now().toISOString() })
    expect(await readAll()).toEqual(hidden)

    const again = await suspend(partner.id)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('PARTNER_ALREADY_SUSPENDED')

    const back = await reactivate(partner.id)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ status: 'active', suspended_reason: null, suspended_at: null })
    expect(await readAll()).toEqual(visible)
    const twice = await reactivate(partner.id)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('PARTNER_NOT_SUSPENDED')

    const audit = await findAuditLogsForTarget(db, 'partner', partner.id)
    expect(audit.map((a) => a.action).sort()).toEqual(['partner.reactivate', 'partner.suspend'])
    expect(audit.find((a) => a.action === 'partner.suspend')).toMatchObject({
      actor_id: admin.id,
      before: { status: 'active', suspended_reason: null },
      after: { status: 'suspended', suspended_reason: 'Forged KYC documents' },
    })
  })

  it('leaves the owner able to sign in and read their own profile while suspended', async () => {
    const partner = await createPartner(db)
    await suspend(partner.id)
    const own = await call('GET', '/api/partners/my', undefined, { id: partner.user_id, role: 'partner' })
    expect(own.statusCode).toBe(200)
    expect(own.json().status).toBe('suspended')
  })

  it('answers 404 to an unknown partner, 422 to a malformed id or a bad reason, changing nothing', async () => {
    expect((await suspend(randomUUID())).json().code).toBe('PARTNER_NOT_FOUND')
    expect((await reactivate(randomUUID())).statusCode).toBe(404)
    expect((await suspend('nope')).statusCode).toBe(422)
    const partner = await createPartner(db)
    for (const reason of ['', '  ', 'x'.repeat(100_000), 'a\u0000b']) expect((await suspend(partner.id, reason)).statusCode).toBe(422)
    expect((await call('POST', `/api/admin/partners/${partner.id}/suspend`, {})).statusCode).toBe(422)
    expect((await call('GET', `/api/admin/partners/${partner.id}`)).json().status).toBe('active')
    expect(await findAuditLogsForTarget(db, 'partner', partner.id)).toEqual([])
  })
})

describe('PUT /api/admin/partners/{id}/commission', () => {
  it('sets the rate the partner’s financial summary applies, and null returns to the platform default; audited', async () => {
    const partner = await createPartner(db)
    const listing = await createListing(db, { partner_id: partner.id })
    const customer = await createUser(db)
    await db.insert(bookings).values({
      user_id: customer.id, listing_id: listing.id, partner_id: partner.id, status: 'completed', amount: 100_000, confirmed_at: ctx.clock.now(),
    })
    const owner = { id: partner.user_id, role: 'partner' as const }
    const financials = async () => (await call('GET', '/api/partner/financials/summary', undefined, owner)).json()

    const set = await setCommission(partner.id, 12.5)
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({ commission_percent: 12.5, effective_commission_percent: 12.5 })
    expect(await financials()).toMatchObject({ commission_percent: 12.5, gross: 100_000, commission: 12_500, net_earned: 87_500 })

    const cleared = await setCommission(partner.id, null)
    expect(cleared.json()).toMatchObject({ commission_percent: null, effective_commission_percent: ctx.config.commissionPercent })
    expect((await financials()).commission_percent).toBe(ctx.config.commissionPercent)

    expect((await setCommission(partner.id, 0)).json().commission_percent).toBe(0)
    expect((await setCommission(partner.id, 100)).json().commission_percent).toBe(100)
    expect((await setCommission(partner.id, 14.29)).json().commission_percent).toBe(14.29)

    const audit = await findAuditLogsForTarget(db, 'partner', partner.id)
    expect(audit.filter((a) => a.action === 'partner.set_commission')).toHaveLength(5)
    expect(audit.find((a) => (a.after as { commission_percent?: number } | null)?.commission_percent === 12.5)).toMatchObject({ actor_id: admin.id, before: { commission_percent: null } })
  })

  it('answers 422 to a rate outside 0–100, with more than 2 decimals, or not a number, changing nothing', async () => {
    const partner = await createPartner(db, { commission_percent: '10.00' })
    for (const value of [-1, 100.01, 12.345, 1e308, 'abc', undefined]) {
      const res = value === undefined ? await call('PUT', `/api/admin/partners/${partner.id}/commission`, {}) : await setCommission(partner.id, value)
      expect(res.statusCode, String(value)).toBe(422)
    }
    expect((await setCommission(partner.id, 12.345)).json().code).toBe('INVALID_COMMISSION')
    expect((await call('GET', `/api/admin/partners/${partner.id}`)).json().commission_percent).toBe(10)
    expect((await setCommission(randomUUID(), 10)).statusCode).toBe(404)
  })
})

describe('PUT /api/admin/partners/{id}/notes', () => {
  it('keeps internal notes for admins only: never in the partner’s or the public’s answers; blank clears; audited', async () => {
    const partner = await createPartner(db)
    const listing = await createListing(db, { partner_id: partner.id })
    const secret = `Internal ${randomUUID()} — प्रिय partner 🙂`
    const res = await setNotes(partner.id, secret)
    expect(res.statusCode).toBe(200)
    expect(res.json().admin_notes).toBe(secret)
    expect((await call('GET', `/api/admin/partners/${partner.id}`)).json().admin_notes).toBe(secret)

    const own = await call('GET', '/api/partners/my', undefined, { id: partner.user_id, role: 'partner' })
    expect(own.statusCode).toBe(200)
    expect(own.body).not.toContain('Internal')
    expect(own.json()).not.toHaveProperty('admin_notes')
    const detail = await publicGet(`/api/listings/${listing.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.body).not.toContain('Internal')

    expect((await setNotes(partner.id, '   ')).json().admin_notes).toBeNull()
    expect((await setNotes(partner.id, null)).json().admin_notes).toBeNull()
    const audit = await findAuditLogsForTarget(db, 'partner', partner.id)
    expect(audit.filter((a) => a.action === 'partner.set_notes')).toHaveLength(3)
  })

  it('answers 422 to notes over 10,000 characters or with NUL, and 404 to an unknown partner', async () => {
    const partner = await createPartner(db)
    expect((await setNotes(partner.id, 'x'.repeat(10_001))).statusCode).toBe(422)
    expect((await setNotes(partner.id, 'a\u0000b')).statusCode).toBe(422)
    expect((await setNotes(randomUUID(), 'hello')).statusCode).toBe(404)
    expect((await call('GET', `/api/admin/partners/${partner.id}`)).json().admin_notes).toBeNull()
  })
})

describe('GET /api/admin/partners figures and q', () => {
  it('answers each partner’s listings, confirmed bookings and GMV over all time, and finds by contact email or phone', async () => {
    const tag = randomUUID().slice(0, 8)
    const partner = await createPartner(db, { contact_email: `hello-${tag}@studio.in`, commission_percent: '9.50' })
    const idle = await createPartner(db, { business_name: `Idle ${tag}` })
    const approved = await createListing(db, { partner_id: partner.id })
    await createListing(db, { partner_id: partner.id, status: 'pending_approval' })
    await createListing(db, { partner_id: partner.id, status: 'archived' })
    const customer = await createUser(db)
    const book = (amount: number, status: 'confirmed' | 'cancelled' | 'pending_payment' | 'expired', confirmed: boolean) =>
      db.insert(bookings).values({
        user_id: customer.id, listing_id: approved.id, partner_id: partner.id, status, amount, confirmed_at: confirmed ? ctx.clock.now() : null,
      })
    await book(150_000, 'confirmed', true)
    await book(99_900, 'cancelled', true) // confirmed, later cancelled: still GMV
    await book(50_000, 'pending_payment', false)
    await book(50_000, 'expired', false)

    const page = (await call('GET', `/api/admin/partners?q=${tag.toUpperCase()}`)).json()
    expect(page.total).toBe(2)
    const byId = new Map(page.items.map((p: { id: string }) => [p.id, p]))
    expect(byId.get(partner.id)).toMatchObject({ listings_count: 2, approved_listings_count: 1, bookings_count: 2, gmv: 249_900, commission_percent: 9.5 })
    expect(byId.get(idle.id)).toMatchObject({ listings_count: 0, approved_listings_count: 0, bookings_count: 0, gmv: 0, commission_percent: null })

    const phone = await createPartner(db, { contact_phone: '+919811122233' })
    expect((await call('GET', '/api/admin/partners?q=98111222')).json().items.map((p: { id: string }) => p.id)).toEqual([phone.id])
    expect((await call('GET', `/api/admin/partners?q=${'x'.repeat(121)}`)).statusCode).toBe(422)
  })
})

describe('the platform default commission an admin stores in config', () => {
  it('is the effective rate of a partner without their own, in the admin view', async () => {
    const partner = await createPartner(db)
    const stored = ctx.config.commissionPercent + 2.5
    expect((await call('PUT', '/api/admin/config/default_commission_percent', { value: stored })).statusCode).toBe(200)
    try {
      const view = await call('GET', `/api/admin/partners/${partner.id}`)
      expect(view.json()).toMatchObject({ commission_percent: null, effective_commission_percent: stored })
      expect((await setCommission(partner.id, null)).json().effective_commission_percent).toBe(stored)
    } finally {
      await call('PUT', '/api/admin/config/default_commission_percent', { value: ctx.config.commissionPercent })
    }
  })
})
