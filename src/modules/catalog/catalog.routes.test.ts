import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createCategory, createListing, createPartner, createPlanOption, createSession } from '../../../test/factories.js'
import { listings } from '../../db/schema/index.js'
import { HOUR_MS } from '../../shared/clock.js'
import { createCatalogRepository } from './index.js'

const ctx = await buildTestApp()
const db = ctx.database.db
// Monday 2026-01-05 10:00 IST
const NOW = new Date('2026-01-05T04:30:00.000Z')
ctx.clock.set(NOW)
const tag = () => `c${randomUUID().slice(0, 8)}`

async function get(url: string) {
  return ctx.app.inject({ method: 'GET', url })
}

describe('GET /api/categories', () => {
  it('lists active categories in sort order with their count of public listings', async () => {
    const first = await createCategory(db, { sort_order: -1000, name: 'AAA first' })
    const second = await createCategory(db, { sort_order: -999, name: 'ZZZ second' })
    const hidden = await createCategory(db, { sort_order: -1001, active: false })
    const suspended = await createPartner(db, { status: 'suspended' })
    await createListing(db, { category_id: second.id })
    await createListing(db, { category_id: second.id })
    await createListing(db, { category_id: second.id, status: 'pending_approval' })
    await createListing(db, { category_id: second.id, partner_id: suspended.id })
    await createListing(db, { category_id: hidden.id })

    const res = await get('/api/categories')
    expect(res.statusCode).toBe(200)
    const body = res.json() as { id: string; listing_count: number; sort_order: number }[]
    const mine = body.filter((c) => [first.id, second.id, hidden.id].includes(c.id))
    expect(mine.map((c) => c.id)).toEqual([first.id, second.id])
    expect(mine.map((c) => c.listing_count)).toEqual([0, 2])
    const orders = body.map((c) => c.sort_order)
    expect(orders).toEqual([...orders].sort((a, b) => a - b))
  })
})

describe('GET /api/listings/{id}', () => {
  it('answers the listing with partner, venue, active plans and the next 10 sessions, nothing private', async () => {
    const partner = await createPartner(db, { pan: 'ABCDE1234F', gstin: '06ABCDE1234F1Z5', ifsc: 'HDFC0001234', bank_account_last4: '9876', contact_phone: '+919812345678', description: 'Swim school' })
    const category = await createCategory(db, { name: 'Swimming' })
    const listing = await createListing(db, {
      partner_id: partner.id,
      category_id: category.id,
      title: 'Swimming Stars',
      images: ['a.jpg', 'b.jpg'],
      tags: ['water'],
      trial_available: true,
      trial_price: 19_900,
      rating_avg: '4.50',
      rating_count: 12,
      cancellation_notice_hours: 24,
      venue: { name: 'Pool', area: 'Sector 29', pincode: '122001' },
    })
    const trial = await createPlanOption(db, listing.id, { kind: 'trial', name: 'Trial', price: 19_900, sort_order: 0 })
    const pack = await createPlanOption(db, listing.id, { kind: 'pack', name: '10 classes', price: 899_000, sessions_count: 10, validity_days: 60, sort_order: 1 })
    await createPlanOption(db, listing.id, { kind: 'monthly', name: 'Old plan', price: 1, active: false })
    await createSession(db, listing.id, new Date(NOW.getTime() - HOUR_MS))
    await createSession(db, listing.id, new Date(NOW.getTime() + HOUR_MS), { status: 'cancelled' })
    const upcoming = []
    for (let i = 12; i >= 1; i--) upcoming.push(await createSession(db, listing.id, new Date(NOW.getTime() + i * 24 * HOUR_MS), { capacity: 8, seats_taken: i % 8 }))

    const res = await get(`/api/listings/${listing.id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      id: listing.id,
      title: 'Swimming Stars',
      type: 'class',
      category: { id: category.id, slug: category.slug, name: 'Swimming' },
      age_min: 4,
      age_max: 12,
      price: 99_900,
      trial_available: true,
      trial_price: 19_900,
      tags: ['water'],
      images: ['a.jpg', 'b.jpg'],
      city: 'Gurgaon',
      rating: { average: 4.5, count: 12 },
      cancellation_notice_hours: 24,
      reschedule_notice_hours: null,
      partner: { id: partner.id, business_name: partner.business_name, logo_url: null, city: 'Gurgaon', description: 'Swim school' },
      venue: { name: 'Pool', area: 'Sector 29', city: 'Gurgaon', pincode: '122001', lat: 28.4595, lng: 77.0266, timezone: 'Asia/Kolkata' },
    })
    expect(Object.keys(body.partner).sort()).toEqual(['business_name', 'city', 'description', 'id', 'logo_url'])
    expect(body.plan_options).toEqual([
      { id: trial.id, kind: 'trial', name: 'Trial', price: 19_900, credits_price: 10, sessions_count: 1, validity_days: null },
      { id: pack.id, kind: 'pack', name: '10 classes', price: 899_000, credits_price: 10, sessions_count: 10, validity_days: 60 },
    ])
    const expected = [...upcoming].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime()).slice(0, 10)
    expect(body.next_sessions).toEqual(
      expected.map((s) => ({ id: s.id, starts_at: s.starts_at.toISOString(), ends_at: s.ends_at.toISOString(), capacity: 8, seats_left: 8 - s.seats_taken })),
    )
    // the last four digits as a JSON string value: bare, they can turn up inside a random uuid
    for (const secret of ['ABCDE1234F', '06ABCDE1234F1Z5', 'HDFC0001234', '"9876"', '+919812345678', partner.user_id]) expect(res.body).not.toContain(secret)
  })

  it('answers 404 LISTING_NOT_FOUND for a missing, unapproved or suspended partner’s listing, 422 for a malformed id', async () => {
    const pending = await createListing(db, { status: 'pending_approval' })
    const suspended = await createListing(db, { partner_id: (await createPartner(db, { status: 'suspended' })).id })
    for (const id of [randomUUID(), pending.id, suspended.id]) {
      const res = await get(`/api/listings/${id}`)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ detail: 'Listing not found', code: 'LISTING_NOT_FOUND' })
    }
    const bad = await get('/api/listings/not-a-uuid')
    expect(bad.statusCode).toBe(422)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', detail: [{ loc: ['path', 'id'] }] })
  })

  it('answers an online listing with a null venue', async () => {
    const listing = await createListing(db, { venue_id: null, is_online: true, city: null, lat: null, lng: null })
    const res = await get(`/api/listings/${listing.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ is_online: true, venue: null, city: null, next_sessions: [], plan_options: [] })
  })
})

describe('GET /api/listings/{id}/sessions', () => {
  it('pages upcoming scheduled sessions with seats left', async () => {
    const listing = await createListing(db)
    const made = []
    for (let i = 1; i <= 5; i++) made.push(await createSession(db, listing.id, new Date(NOW.getTime() + i * HOUR_MS), { capacity: 5, seats_taken: i - 1 }))
    await createSession(db, listing.id, new Date(NOW.getTime() - 1), { capacity: 5 })
    await createSession(db, listing.id, new Date(NOW.getTime() + 30 * 60_000), { status: 'cancelled' })
    const page1 = (await get(`/api/listings/${listing.id}/sessions?page_size=2`)).json()
    const page3 = (await get(`/api/listings/${listing.id}/sessions?page_size=2&page=3`)).json()
    const page4 = (await get(`/api/listings/${listing.id}/sessions?page_size=2&page=4`)).json()
    expect(page1).toMatchObject({ total: 5, page: 1, page_size: 2 })
    expect(page1.items.map((s: { id: string }) => s.id)).toEqual([made[0]!.id, made[1]!.id])
    expect(page1.items[1]).toEqual({ id: made[1]!.id, starts_at: made[1]!.starts_at.toISOString(), ends_at: made[1]!.ends_at.toISOString(), capacity: 5, seats_left: 4 })
    expect(page3.items.map((s: { id: string }) => s.id)).toEqual([made[4]!.id])
    expect(page4).toEqual({ items: [], total: 5, page: 4, page_size: 2 })
  })

  it('filters by days in the venue’s timezone', async () => {
    const listing = await createListing(db)
    // 2026-01-10 23:45 IST and 2026-01-11 00:15 IST: different local days, the same UTC day
    const late = await createSession(db, listing.id, new Date('2026-01-10T18:15:00.000Z'))
    const early = await createSession(db, listing.id, new Date('2026-01-10T18:45:00.000Z'))
    const on10 = (await get(`/api/listings/${listing.id}/sessions?date_from=2026-01-10&date_to=2026-01-10`)).json()
    const on11 = (await get(`/api/listings/${listing.id}/sessions?date_from=2026-01-11`)).json()
    const until10 = (await get(`/api/listings/${listing.id}/sessions?date_to=2026-01-10`)).json()
    expect(on10.items.map((s: { id: string }) => s.id)).toEqual([late.id])
    expect(on11.items.map((s: { id: string }) => s.id)).toEqual([early.id])
    expect(until10.items.map((s: { id: string }) => s.id)).toEqual([late.id])
  })

  it('answers 404 for a listing that is not public and 422 for bad dates', async () => {
    const hidden = await createListing(db, { status: 'draft' })
    expect((await get(`/api/listings/${hidden.id}/sessions`)).statusCode).toBe(404)
    const listing = await createListing(db)
    expect((await get(`/api/listings/${listing.id}/sessions?date_from=2026-13-01`)).statusCode).toBe(422)
    const reversed = await get(`/api/listings/${listing.id}/sessions?date_from=2026-02-02&date_to=2026-02-01`)
    expect(reversed.statusCode).toBe(422)
    expect(reversed.json()).toEqual({ detail: 'date_from must not be after date_to', code: 'INVALID_SEARCH_FILTER' })
  })
})

describe('GET /api/search', () => {
  it('tolerates typos in q and ranks the closer match first', async () => {
    const city = tag()
    const swim = await createListing(db, { title: 'Swimming Stars', search_text: 'swimming stars aqua kids swimming', venue: { city } })
    const other = await createListing(db, { title: 'Chess Club', search_text: 'chess club board games', venue: { city } })
    const body = (await get(`/api/search?city=${city}&q=swiming`)).json()
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([swim.id])
    const chess = (await get(`/api/search?city=${city}&q=Ches`)).json()
    expect(chess.items.map((i: { id: string }) => i.id)).toEqual([other.id])
    expect((await get(`/api/search?city=${city}&q=zzqqxx`)).json().total).toBe(0)
  })

  it('ranks by text similarity before rating when q is given, and the repository runs the same search', async () => {
    const city = tag()
    const closer = await createListing(db, { search_text: 'swimming lessons', rating_avg: '1.00', venue: { city } })
    const looser = await createListing(db, { search_text: 'swimmingpool lessons', rating_avg: '5.00', venue: { city } })
    const body = (await get(`/api/search?city=${city}&q=swiming`)).json()
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([closer.id, looser.id])
    const byRating = (await get(`/api/search?city=${city}&q=swiming&sort=rating`)).json()
    expect(byRating.items.map((i: { id: string }) => i.id)).toEqual([looser.id, closer.id])

    const direct = await createCatalogRepository(db).searchListings({ page: 1, page_size: 20, city, q: 'swiming' }, NOW)
    expect(direct).toEqual({ items: body.items, total: 2, total_capped: false })
  })

  it('matches a city by any of its names, in any case', async () => {
    const listing = await createListing(db, { venue: { city: 'Gurugram' }, title: `Aliased ${tag()}` })
    for (const city of ['gurgaon', 'GURUGRAM', ' Gurgaon ']) {
      const res = await get(`/api/search?city=${encodeURIComponent(city)}&page_size=100&q=${encodeURIComponent(listing.title)}`)
      expect(res.json().items.map((i: { id: string }) => i.id)).toContain(listing.id)
    }
    const elsewhere = await get(`/api/search?city=bombay&q=${encodeURIComponent(listing.title)}`)
    expect(elsewhere.json().items.map((i: { id: string }) => i.id)).not.toContain(listing.id)
  })

  it('finds a listing with more session starts than listing_cards_city_starts_idx holds, by date and by starting soon', async () => {
    const city = tag()
    const many = await createListing(db, { venue: { city } })
    // 250 starts every 6 hours from 12:00 IST today: past SESSION_STARTS_IN_INDEX, so only the other partial index has it
    await db.execute(sql`insert into sessions (listing_id, starts_at, ends_at, capacity)
      select ${many.id}::uuid, t, t + interval '1 hour', 10
      from generate_series(${new Date(NOW.getTime() + 2 * HOUR_MS).toISOString()}::timestamptz, ${new Date(NOW.getTime() + 2 * HOUR_MS + 249 * 6 * HOUR_MS).toISOString()}::timestamptz, interval '6 hours') t`)
    const few = await createListing(db, { venue: { city } })
    await createSession(db, few.id, new Date(NOW.getTime() + 3 * HOUR_MS))
    const ids = async (query: string) => {
      const body = (await get(`/api/search?city=${city}&${query}`)).json() as { items: { id: string }[]; total: number }
      return { ids: body.items.map((i) => i.id), total: body.total }
    }
    expect(await ids('sort=starting_soon')).toEqual({ ids: [many.id, few.id], total: 2 })
    expect(await ids('date_from=2026-01-05&date_to=2026-01-05')).toMatchObject({ total: 2 })
    expect(await ids('date_from=2026-02-20&date_to=2026-02-21')).toEqual({ ids: [many.id], total: 1 })
    expect(await ids('date_from=2026-02-20&date_to=2026-02-21&page=3&page_size=1')).toEqual({ ids: [], total: 1 })
  })

  it('answers the same through GET /api/listings, cards without private fields', async () => {
    const city = tag()
    const listing = await createListing(db, { venue: { city }, images: ['first.jpg', 'second.jpg'] })
    const res = await get(`/api/listings?city=${city}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ total: 1, page: 1, page_size: 20 })
    expect(body.items[0]).toMatchObject({ id: listing.id, image: 'first.jpg', city, area: null, partner: { id: listing.partner_id }, next_session_at: null })
    expect(body.items[0]).not.toHaveProperty('distance_km')
    expect(body.items[0]).not.toHaveProperty('status')
  })

  it('finds listings by category slug or id', async () => {
    const city = tag()
    const category = await createCategory(db)
    const listing = await createListing(db, { venue: { city }, category_id: category.id })
    await createListing(db, { venue: { city } })
    for (const value of [category.slug, category.id]) {
      const body = (await get(`/api/search?city=${city}&category=${value}`)).json()
      expect(body.items.map((i: { id: string }) => i.id)).toEqual([listing.id])
    }
    expect((await get(`/api/search?city=${city}&category=no-such-slug`)).json().total).toBe(0)
  })

  it('counts the total on a page past the end', async () => {
    const city = tag()
    await createListing(db, { venue: { city } })
    await createListing(db, { venue: { city } })
    expect((await get(`/api/search?city=${city}&page=5&page_size=1`)).json()).toEqual({ items: [], total: 2, total_capped: false, page: 5, page_size: 1 })
  })

  it('keeps listings that are not approved or whose partner is suspended out of every public read', async () => {
    const city = tag()
    const suspended = await createPartner(db, { status: 'suspended' })
    const hidden = [
      await createListing(db, { venue: { city }, status: 'draft', trial_available: true }),
      await createListing(db, { venue: { city }, status: 'rejected', trial_available: true }),
      await createListing(db, { venue: { city }, partner_id: suspended.id, trial_available: true }),
    ]
    const visible = await createListing(db, { venue: { city }, trial_available: true })
    for (const l of [...hidden, visible]) await createSession(db, l.id, new Date(NOW.getTime() + 2 * HOUR_MS))
    const urls = [`/api/search?city=${city}`, `/api/listings?city=${city}`, `/api/home/trending?city=${city}&limit=50`, `/api/home/trials?city=${city}&limit=50`, `/api/home/for-age/8?city=${city}&limit=50`, `/api/home/starting-soon?city=${city}&limit=50`]
    for (const url of urls) {
      const body = (await get(url)).json() as { items: { id: string }[] }
      expect(body.items.map((i) => i.id), url).toEqual([visible.id])
    }
    await db.update(listings).set({ status: 'archived' }).where(eq(listings.id, visible.id))
    expect((await get(`/api/search?city=${city}`)).json().total).toBe(0)
  })

  const unprocessable: [string, string | null][] = [
    ['age=19', 'age'],
    ['age=-1', 'age'],
    ['radius_km=101&lat=28&lng=77', 'radius_km'],
    ['radius_km=0&lat=28&lng=77', 'radius_km'],
    ['page_size=101', 'page_size'],
    ['page=0', 'page'],
    ['lat=91&lng=77&radius_km=5', 'lat'],
    ['lat=28&lng=-181&radius_km=5', 'lng'],
    ['type=party', 'type'],
    ['sort=cheapest', 'sort'],
    ['date_from=2026-02-30', 'date_from'],
    ['min_price=-5', 'min_price'],
    ['min_price=500&max_price=100', null],
    ['date_from=2026-02-02&date_to=2026-02-01', null],
    ['sort=distance', null],
    ['lat=28&lng=77', null],
    ['radius_km=5', null],
  ]
  it.each(unprocessable)('answers 422 for %s', async (query, field) => {
    const res = await get(`/api/search?${query}`)
    expect(res.statusCode).toBe(422)
    if (field) expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR', detail: [{ loc: ['query', field] }] })
    else expect(res.json()).toMatchObject({ code: 'INVALID_SEARCH_FILTER', detail: expect.any(String) })
  })
})

describe('OpenAPI', () => {
  it('documents every catalog route with its tag', async () => {
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, { get?: { tags?: string[] } }> }
    const routes = ['/api/categories', '/api/listings', '/api/listings/{id}', '/api/listings/{id}/sessions', '/api/search', '/api/home/trending', '/api/home/trials', '/api/home/for-age/{age}', '/api/home/starting-soon', '/api/home/weekend-camps']
    for (const path of routes) expect(doc.paths[path]?.get?.tags, path).toEqual([path.startsWith('/api/home') ? 'home' : 'catalog'])
  })
})
