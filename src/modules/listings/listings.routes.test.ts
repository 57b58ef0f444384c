import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createUser, createVenue } from '../../../test/factories.js'
import { listings, partners } from '../../db/schema/index.js'
import { findAuditLogsForTarget } from '../audit/index.js'
import { composeSearchText } from '../catalog/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

async function call(method: Method, url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function newPartner(overrides: Parameters<typeof createPartner>[1] = {}) {
  const partner = await createPartner(db, overrides)
  const venue = await createVenue(db, partner.id, { city: 'Pune', lat: 18.52, lng: 73.85, timezone: 'Asia/Kolkata' })
  return { partner, venue, user: { id: partner.user_id, role: 'partner' as const } }
}

const admin = async () => createUser(db, { role: 'admin' })
const rowOf = async (id: string) => (await db.select().from(listings).where(eq(listings.id, id)))[0]!

async function draft(owner: Awaited<ReturnType<typeof newPartner>>, overrides: object = {}) {
  const category = await createCategory(db, { name: 'Swimming' })
  const res = await call('POST', '/api/partners/listings', owner.user, {
    title: 'Swimming for beginners',
    description: 'Small groups',
    category: category.slug,
    venue_id: owner.venue.id,
    type: 'class',
    age_min: 5,
    age_max: 10,
    price: 149_900,
    tags: ['Water', 'water', ' swim '],
    ...overrides,
  })
  expect(res.statusCode, res.body).toBe(201)
  return { listing: res.json() as { id: string; status: string; [k: string]: unknown }, category }
}

async function approved(owner: Awaited<ReturnType<typeof newPartner>>) {
  const { listing, category } = await draft(owner)
  expect((await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)).statusCode).toBe(200)
  expect((await call('POST', `/api/admin/listings/${listing.id}/approve`, await admin())).statusCode).toBe(200)
  return { listing, category }
}

describe('who may use the partner listing routes', () => {
  const id = randomUUID()
  const routes: [Method, string, object?][] = [
    ['POST', '/api/partners/listings', { title: 'Art', category: 'x', is_online: true, type: 'class', age_min: 3, age_max: 5, price: 0 }],
    ['GET', '/api/partners/my/listings'],
    ['GET', `/api/partners/listings/${id}`],
    ['PUT', `/api/partners/listings/${id}`, { title: 'New title' }],
    ['DELETE', `/api/partners/listings/${id}`],
    ['POST', `/api/partners/listings/${id}/submit`],
  ]

  it.each(routes)('%s %s: 401 without a token, 403 to a customer and an admin', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db), payload)).statusCode).toBe(403)
    expect((await call(method, url, await admin(), payload)).statusCode).toBe(403)
  })

  it.each(routes.slice(2))('%s %s: 404 for another partner’s listing, which stays as it was', async (method, url, payload) => {
    const owner = await newPartner()
    const { listing } = await draft(owner)
    const before = await rowOf(listing.id)
    const intruder = await newPartner()
    const res = await call(method, url.replace(id, listing.id), intruder.user, payload)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ detail: 'Listing not found', code: 'LISTING_NOT_FOUND' })
    expect(await rowOf(listing.id)).toEqual(before)
  })

  it('answers 422 to a malformed id and 404 to a partner account without a profile', async () => {
    const { user } = await newPartner()
    expect((await call('GET', '/api/partners/listings/123', user)).statusCode).toBe(422)
    const res = await call('GET', '/api/partners/my/listings', await createUser(db, { role: 'partner' }))
    expect(res.statusCode).toBe(404)
  })
})

describe('creating a listing', () => {
  it('starts a draft with the venue’s place, a clean search text and the category by slug', async () => {
    const owner = await newPartner()
    const { listing, category } = await draft(owner, { what_to_bring: '  Towel ', trial_available: true, trial_price: 19_900, cancellation_notice_hours: 24 })
    expect(listing).toMatchObject({
      status: 'draft',
      partner_id: owner.partner.id,
      venue_id: owner.venue.id,
      is_online: false,
      category: { id: category.id, slug: category.slug, name: 'Swimming' },
      city: 'Pune',
      lat: 18.52,
      lng: 73.85,
      timezone: 'Asia/Kolkata',
      tags: ['water', 'swim'],
      what_to_bring: 'Towel',
      trial_price: 19_900,
      cancellation_notice_hours: 24,
      images: [],
      media: [],
      published_at: null,
      created_at: ctx.clock.now().toISOString(),
    })
    expect(listing.search_text).toBeUndefined()
    const row = await rowOf(listing.id)
    expect(row.search_text).toBe(
      composeSearchText({ title: 'Swimming for beginners', description: 'Small groups', partnerName: owner.partner.business_name, categoryName: 'Swimming', tags: ['water', 'swim'] }),
    )
  })

  it('takes the category by id, and an online listing has no place', async () => {
    const owner = await newPartner()
    const category = await createCategory(db)
    const res = await call('POST', '/api/partners/listings', owner.user, { title: 'Chess online', category: category.id, is_online: true, type: 'workshop', age_min: 7, age_max: 14, price: 0 })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ venue_id: null, is_online: true, city: null, lat: null, lng: null, category: { id: category.id } })
  })

  it('refuses bad input with clear 422s', async () => {
    const owner = await newPartner()
    const other = await newPartner()
    const category = await createCategory(db)
    const base = { title: 'Dance', category: category.slug, venue_id: owner.venue.id, type: 'class', age_min: 4, age_max: 8, price: 50_000 }
    const cases: [object, string][] = [
      [{ age_min: 9, age_max: 4 }, 'INVALID_AGE_RANGE'],
      [{ age_max: 19 }, 'VALIDATION_ERROR'],
      [{ type: 'party' }, 'VALIDATION_ERROR'],
      [{ price: -1 }, 'VALIDATION_ERROR'],
      [{ price: 10.5 }, 'VALIDATION_ERROR'],
      [{ category: 'no-such-category' }, 'UNKNOWN_CATEGORY'],
      [{ venue_id: other.venue.id }, 'UNKNOWN_VENUE'],
      [{ venue_id: randomUUID() }, 'UNKNOWN_VENUE'],
      [{ venue_id: undefined }, 'VENUE_OR_ONLINE_REQUIRED'],
      [{ is_online: true }, 'VENUE_OR_ONLINE_REQUIRED'],
      [{ title: '  ' }, 'VALIDATION_ERROR'],
    ]
    for (const [change, code] of cases) {
      const res = await call('POST', '/api/partners/listings', owner.user, { ...base, ...change })
      expect([res.statusCode, res.json().code], JSON.stringify(change)).toEqual([422, code])
    }
    const inactive = await createCategory(db, { active: false })
    expect((await call('POST', '/api/partners/listings', owner.user, { ...base, category: inactive.slug })).json().code).toBe('UNKNOWN_CATEGORY')
  })
})

describe('my listings', () => {
  it('lists only mine, in every status, with filters and pages', async () => {
    const owner = await newPartner()
    const { listing: first } = await draft(owner, { title: 'Pottery for kids' })
    ctx.clock.advance(1000)
    const { listing: second } = await draft(owner, { title: 'Guitar basics', type: 'workshop' })
    await call('POST', `/api/partners/listings/${second.id}/submit`, owner.user)
    await createListing(db, { title: 'Someone else’s pottery' })

    const all = (await call('GET', '/api/partners/my/listings', owner.user)).json()
    expect(all.total).toBe(2)
    expect(all.items.map((l: { id: string }) => l.id)).toEqual([second.id, first.id])
    const pending = (await call('GET', '/api/partners/my/listings?status=pending_approval', owner.user)).json()
    expect(pending.items.map((l: { id: string }) => l.id)).toEqual([second.id])
    expect((await call('GET', '/api/partners/my/listings?type=workshop', owner.user)).json().total).toBe(1)
    expect((await call('GET', '/api/partners/my/listings?q=POTTERY', owner.user)).json().items.map((l: { id: string }) => l.id)).toEqual([first.id])
    expect((await call('GET', '/api/partners/my/listings?q=%25', owner.user)).json().total).toBe(0)
    expect((await call('GET', `/api/partners/my/listings?category=${(first.category as { slug: string }).slug}`, owner.user)).json().total).toBe(1)
    const page2 = (await call('GET', '/api/partners/my/listings?page=2&page_size=1', owner.user)).json()
    expect(page2).toMatchObject({ total: 2, page: 2, page_size: 1 })
    expect(page2.items.map((l: { id: string }) => l.id)).toEqual([first.id])
    expect((await call('GET', '/api/partners/my/listings?status=live', owner.user)).statusCode).toBe(422)
  })
})

describe('lifecycle and what the public sees', () => {
  it('draft → submit → approve publishes; the public sees it only then', async () => {
    const owner = await newPartner()
    const { listing } = await draft(owner)
    const publicRead = () => ctx.app.inject(`/api/listings/${listing.id}`)
    expect((await publicRead()).statusCode).toBe(404)

    const submitted = await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
    expect(submitted.json().status).toBe('pending_approval')
    expect((await publicRead()).statusCode).toBe(404)
    expect((await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)).json().code).toBe('LISTING_STATUS_CONFLICT')

    const boss = await admin()
    ctx.clock.advance(60_000)
    const res = await call('POST', `/api/admin/listings/${listing.id}/approve`, boss)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'approved', published_at: ctx.clock.now().toISOString(), partner: { id: owner.partner.id } })
    expect((await publicRead()).statusCode).toBe(200)
    const audit = await findAuditLogsForTarget(db, 'listing', listing.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: boss.id, action: 'listing.approve', before: { status: 'pending_approval' }, after: { status: 'approved' } })
    expect((await call('POST', `/api/admin/listings/${listing.id}/approve`, boss)).statusCode).toBe(409)
  })

  it('reject needs a reason, which the partner sees; editing and resubmitting goes back to review', async () => {
    const owner = await newPartner()
    const { listing } = await draft(owner)
    const boss = await admin()
    expect((await call('POST', `/api/admin/listings/${listing.id}/reject`, boss, { reason: 'Too early' })).json().code).toBe('LISTING_STATUS_CONFLICT')
    await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
    expect((await call('POST', `/api/admin/listings/${listing.id}/reject`, boss, {})).statusCode).toBe(422)
    expect((await call('POST', `/api/admin/listings/${listing.id}/reject`, boss, { reason: '     ' })).statusCode).toBe(422)
    const rejected = await call('POST', `/api/admin/listings/${listing.id}/reject`, boss, { reason: 'Photos show another venue' })
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejection_reason: 'Photos show another venue' })
    const audit = await findAuditLogsForTarget(db, 'listing', listing.id)
    expect(audit[0]).toMatchObject({ action: 'listing.reject', after: { status: 'rejected', rejection_reason: 'Photos show another venue' } })
    expect((await ctx.app.inject(`/api/listings/${listing.id}`)).statusCode).toBe(404)

    const mine = (await call('GET', `/api/partners/listings/${listing.id}`, owner.user)).json()
    expect(mine.rejection_reason).toBe('Photos show another venue')
    expect((await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { title: 'Better title' })).json().status).toBe('rejected')
    const again = await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
    expect(again.json()).toMatchObject({ status: 'pending_approval', rejection_reason: null })
  })

  it('only a KYC-verified, active partner may submit (409 KYC_NOT_VERIFIED), and approval checks again', async () => {
    for (const overrides of [{ kyc_status: 'submitted' as const }, { kyc_status: 'rejected' as const }, { status: 'suspended' as const }]) {
      const owner = await newPartner(overrides)
      const { listing } = await draft(owner)
      const res = await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
      expect([res.statusCode, res.json().code]).toEqual([409, 'KYC_NOT_VERIFIED'])
      expect((await rowOf(listing.id)).status).toBe('draft')
    }
    const owner = await newPartner()
    const { listing } = await draft(owner)
    await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
    await db.update(partners).set({ status: 'suspended' }).where(eq(partners.id, owner.partner.id))
    const res = await call('POST', `/api/admin/listings/${listing.id}/approve`, await admin())
    expect([res.statusCode, res.json().code]).toEqual([409, 'KYC_NOT_VERIFIED'])
    expect((await rowOf(listing.id)).status).toBe('pending_approval')
    expect(await findAuditLogsForTarget(db, 'listing', listing.id)).toEqual([])
  })

  it('DELETE archives: out of public reads, no more edits, twice is fine', async () => {
    const owner = await newPartner()
    const { listing } = await approved(owner)
    expect((await call('DELETE', `/api/partners/listings/${listing.id}`, owner.user)).statusCode).toBe(204)
    expect((await rowOf(listing.id)).status).toBe('archived')
    expect((await ctx.app.inject(`/api/listings/${listing.id}`)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/partners/listings/${listing.id}`, owner.user)).statusCode).toBe(204)
    const edit = await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { description: 'x' })
    expect([edit.statusCode, edit.json().code]).toEqual([409, 'LISTING_ARCHIVED'])
    expect((await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)).json().code).toBe('LISTING_ARCHIVED')
    expect((await call('GET', '/api/partners/my/listings?status=archived', owner.user)).json().total).toBe(1)
  })
})

describe('editing an approved listing', () => {
  it.each([
    ['title', { title: 'Advanced swimming' }],
    ['price', { price: 199_900 }],
    ['age_min', { age_min: 6 }],
    ['age_max', { age_max: 12 }],
    ['type', { type: 'camp' }],
    ['online', { is_online: true }],
  ])('a new %s sends it back to review and out of public reads', async (_field, change) => {
    const owner = await newPartner()
    const { listing } = await approved(owner)
    const res = await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, change)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ ...change, status: 'pending_approval' })
    expect((await ctx.app.inject(`/api/listings/${listing.id}`)).statusCode).toBe(404)
  })

  it('a new category or venue sends it back too, and the venue’s place is copied', async () => {
    const owner = await newPartner()
    const { listing } = await approved(owner)
    const other = await createVenue(db, owner.partner.id, { city: 'Nagpur', lat: 21.14, lng: 79.08, timezone: 'Asia/Kolkata' })
    const moved = await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { venue_id: other.id })
    expect(moved.json()).toMatchObject({ status: 'pending_approval', venue_id: other.id, city: 'Nagpur', lat: 21.14, lng: 79.08 })

    const again = await approved(owner)
    const category = await createCategory(db, { name: 'Aquatics' })
    const recat = await call('PUT', `/api/partners/listings/${again.listing.id}`, owner.user, { category: category.slug })
    expect(recat.json()).toMatchObject({ status: 'pending_approval', category: { id: category.id } })
    expect((await rowOf(again.listing.id)).search_text).toContain('aquatics')
  })

  it('description, tags, what to bring, notice hours, duration, or the same values again keep it approved', async () => {
    const owner = await newPartner()
    const { listing } = await approved(owner)
    const res = await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, {
      description: 'Now with a heated pool',
      tags: ['heated'],
      what_to_bring: 'Cap',
      cancellation_notice_hours: 12,
      duration_minutes: 50,
      title: 'Swimming for beginners',
      price: 149_900,
      venue_id: owner.venue.id,
    })
    expect(res.json()).toMatchObject({ status: 'approved', description: 'Now with a heated pool', tags: ['heated'], duration_minutes: 50 })
    expect((await rowOf(listing.id)).search_text).toContain('heated pool')
    expect((await ctx.app.inject(`/api/listings/${listing.id}`)).statusCode).toBe(200)
  })

  it('checks the merged ages and the place on edit', async () => {
    const owner = await newPartner()
    const { listing } = await draft(owner)
    expect((await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { age_min: 11 })).json().code).toBe('INVALID_AGE_RANGE')
    expect((await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { is_online: true, venue_id: owner.venue.id })).json().code).toBe('VENUE_OR_ONLINE_REQUIRED')
    expect((await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, {})).statusCode).toBe(422)
    const online = await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { is_online: true })
    expect(online.json()).toMatchObject({ is_online: true, venue_id: null, city: null })
    expect((await call('PUT', `/api/partners/listings/${listing.id}`, owner.user, { is_online: false })).json().code).toBe('VENUE_OR_ONLINE_REQUIRED')
  })
})

describe('admin listing routes', () => {
  const id = randomUUID()
  const routes: [Method, string, object?][] = [
    ['GET', '/api/admin/listings'],
    ['POST', `/api/admin/listings/${id}/approve`],
    ['POST', `/api/admin/listings/${id}/reject`, { reason: 'Not suitable' }],
  ]

  it.each(routes)('%s %s: 401 without a token, 403 to a customer and a partner', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db), payload)).statusCode).toBe(403)
    expect((await call(method, url, (await newPartner()).user, payload)).statusCode).toBe(403)
  })

  it('404 for a missing listing, 422 for a malformed id', async () => {
    expect((await call('POST', `/api/admin/listings/${id}/approve`, await admin())).statusCode).toBe(404)
    expect((await call('POST', '/api/admin/listings/nope/approve', await admin())).statusCode).toBe(422)
  })

  it('lists every partner’s listings with filters', async () => {
    const owner = await newPartner()
    const { listing } = await draft(owner, { title: 'Robotics lab' })
    await call('POST', `/api/partners/listings/${listing.id}/submit`, owner.user)
    const boss = await admin()
    const byPartner = (await call('GET', `/api/admin/listings?partner_id=${owner.partner.id}`, boss)).json()
    expect(byPartner.total).toBe(1)
    expect(byPartner.items[0]).toMatchObject({ id: listing.id, status: 'pending_approval', partner: { id: owner.partner.id, business_name: owner.partner.business_name } })
    const queue = (await call('GET', '/api/admin/listings?status=pending_approval&q=robotics&page_size=100', boss)).json()
    expect(queue.items.map((l: { id: string }) => l.id)).toContain(listing.id)
    expect(queue.items.every((l: { status: string }) => l.status === 'pending_approval')).toBe(true)
  })
})
