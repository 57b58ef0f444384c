import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createSession, createUser, createVenue } from '../../../test/factories.js'
import { listings, venues } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'
import { findOwnedVenue } from './index.js'

// no GOOGLE_MAPS_API_KEY here: lat and lng are required (geocoding has its own file)
const ctx = await buildTestApp()
const { db } = ctx.database

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function newPartner() {
  const partner = await createPartner(db)
  return { partner, user: { id: partner.user_id, role: 'partner' as const } }
}

const BANDRA = { name: 'Bandra Studio', address: '12 Hill Road', area: 'Bandra West', city: 'Mumbai', state: 'Maharashtra', pincode: '400050', lat: 19.0596, lng: 72.8295 }

describe('who may use the venue routes', () => {
  const id = randomUUID()
  const routes: ['GET' | 'POST' | 'PUT' | 'DELETE', string, object?][] = [
    ['GET', '/api/partners/venues'],
    ['POST', '/api/partners/venues', BANDRA],
    ['GET', `/api/partners/venues/${id}`],
    ['PUT', `/api/partners/venues/${id}`, { name: 'New name' }],
    ['DELETE', `/api/partners/venues/${id}`],
  ]

  it.each(routes)('%s %s: 401 without a token, 403 to a customer and an admin', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    expect((await call(method, url, await createUser(db), payload)).statusCode).toBe(403)
    expect((await call(method, url, await createUser(db, { role: 'admin' }), payload)).statusCode).toBe(403)
  })

  it.each(routes.slice(2))('%s %s: 404 for another partner’s venue, and it stays as it was', async (method, _url, payload) => {
    const owner = await newPartner()
    const venue = await createVenue(db, owner.partner.id)
    const intruder = await newPartner()
    const res = await call(method, `/api/partners/venues/${venue.id}`, intruder.user, payload)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ detail: 'Venue not found', code: 'VENUE_NOT_FOUND' })
    const [row] = await db.select().from(venues).where(eq(venues.id, venue.id))
    expect(row).toEqual(venue)
  })

  it('answers 422 to a malformed id and 404 to a partner account without a profile', async () => {
    const { user } = await newPartner()
    expect((await call('GET', '/api/partners/venues/123', user)).statusCode).toBe(422)
    const bare = await createUser(db, { role: 'partner' })
    const res = await call('GET', '/api/partners/venues', bare)
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PARTNER_PROFILE_NOT_FOUND')
  })
})

describe('POST /api/partners/venues', () => {
  it('creates a venue with the given position, Asia/Kolkata by default, de-duplicated amenities', async () => {
    const { partner, user } = await newPartner()
    const res = await call('POST', '/api/partners/venues', user, { ...BANDRA, amenities: ['parking', ' parking ', 'washroom'] })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ ...BANDRA, partner_id: partner.id, timezone: 'Asia/Kolkata', amenities: ['parking', 'washroom'], capacity_notes: null })
    expect(res.json()).not.toHaveProperty('deleted_at')
  })

  it('needs lat and lng without a geocoding key (422 LOCATION_REQUIRED)', async () => {
    const { user } = await newPartner()
    const { lat: _lat, lng: _lng, ...withoutPosition } = BANDRA
    const res = await call('POST', '/api/partners/venues', user, withoutPosition)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('LOCATION_REQUIRED')
    const half = await call('POST', '/api/partners/venues', user, { ...withoutPosition, lat: 19.1 })
    expect(half.statusCode).toBe(422)
    expect(half.json().code).toBe('LOCATION_REQUIRED')
  })

  it('accepts an IANA time zone in any case and refuses anything else', async () => {
    const { user } = await newPartner()
    const ok = await call('POST', '/api/partners/venues', user, { ...BANDRA, timezone: 'asia/dubai' })
    expect(ok.statusCode).toBe(201)
    expect(ok.json().timezone).toBe('Asia/Dubai')
    for (const timezone of ['Mars/Olympus', '+05:30', 'IST', '']) {
      const res = await call('POST', '/api/partners/venues', user, { ...BANDRA, timezone })
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('INVALID_TIMEZONE')
    }
  })

  it.each([
    [{ pincode: '040005' }, 'pincode'],
    [{ pincode: '4000501' }, 'pincode'],
    [{ lat: 91 }, 'lat'],
    [{ lng: -181 }, 'lng'],
    [{ name: ' ' }, 'name'],
    [{ city: undefined }, 'city'],
  ])('answers 422 VALIDATION_ERROR to %j', async (change, field) => {
    const { user } = await newPartner()
    const res = await call('POST', '/api/partners/venues', user, { ...BANDRA, ...change })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('VALIDATION_ERROR')
    expect(res.json().detail[0].loc).toEqual(['body', field])
  })
})

describe('GET /api/partners/venues', () => {
  it('lists only my live venues, newest first, paginated', async () => {
    const { partner, user } = await newPartner()
    const other = await newPartner()
    await createVenue(db, other.partner.id)
    const older = await createVenue(db, partner.id, { created_at: new Date('2026-01-01T00:00:00Z') })
    const newer = await createVenue(db, partner.id, { created_at: new Date('2026-01-02T00:00:00Z') })
    await createVenue(db, partner.id, { deleted_at: new Date('2026-01-03T00:00:00Z') })
    const res = await call('GET', '/api/partners/venues', user)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ total: 2, page: 1, page_size: 20 })
    expect(res.json().items.map((v: { id: string }) => v.id)).toEqual([newer.id, older.id])
    const second = await call('GET', '/api/partners/venues?page=2&page_size=1', user)
    expect(second.json().items.map((v: { id: string }) => v.id)).toEqual([older.id])
  })
})

describe('GET /api/partners/venues/{id}', () => {
  it('answers my venue', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const res = await call('GET', `/api/partners/venues/${venue.id}`, user)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: venue.id, name: venue.name, created_at: venue.created_at.toISOString() })
  })
})

describe('PUT /api/partners/venues/{id}', () => {
  it('changes only what is sent', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id, { area: 'Sector 29', capacity_notes: 'big hall' })
    const res = await call('PUT', `/api/partners/venues/${venue.id}`, user, { name: 'Renamed', capacity_notes: null, amenities: ['ac'] })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Renamed', capacity_notes: null, amenities: ['ac'], area: 'Sector 29', city: venue.city, lat: venue.lat })
  })

  it('copies a new city, position and time zone to the venue’s listings in the same change, and no other listing', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const first = await createListing(db, { partner_id: partner.id, venue_id: venue.id, city: venue.city, lat: venue.lat, lng: venue.lng })
    const second = await createListing(db, { partner_id: partner.id, venue_id: venue.id, city: venue.city, lat: venue.lat, lng: venue.lng, status: 'draft' })
    const elsewhere = await createListing(db, { partner_id: partner.id })
    const res = await call('PUT', `/api/partners/venues/${venue.id}`, user, {
      address: '5 MG Road',
      city: 'Bengaluru',
      lat: 12.9716,
      lng: 77.5946,
      timezone: 'Asia/Calcutta',
    })
    expect(res.statusCode).toBe(200)
    for (const id of [first.id, second.id]) {
      const [row] = await db.select().from(listings).where(eq(listings.id, id))
      expect(row).toMatchObject({ city: 'Bengaluru', lat: 12.9716, lng: 77.5946, timezone: res.json().timezone })
    }
    const [untouched] = await db.select().from(listings).where(eq(listings.id, elsewhere.id))
    expect(untouched).toMatchObject({ city: elsewhere.city, lat: elsewhere.lat, lng: elsewhere.lng, timezone: elsewhere.timezone })
  })

  it('needs lat and lng when the address changes and geocoding is off; leaves venue and listings unchanged', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id, city: venue.city, lat: venue.lat, lng: venue.lng })
    const res = await call('PUT', `/api/partners/venues/${venue.id}`, user, { city: 'Pune' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('LOCATION_REQUIRED')
    const [row] = await db.select().from(listings).where(eq(listings.id, listing.id))
    expect(row!.city).toBe(venue.city)
    // the same city again is no move
    expect((await call('PUT', `/api/partners/venues/${venue.id}`, user, { city: venue.city })).statusCode).toBe(200)
  })

  it('clearing a part of the address is no move: no lat/lng needed', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id, { pincode: '122001', area: 'Sector 29' })
    const res = await call('PUT', `/api/partners/venues/${venue.id}`, user, { pincode: null, area: null })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ pincode: null, area: null, lat: venue.lat, lng: venue.lng })
  })

  it('answers 422 to a bad time zone', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    expect((await call('PUT', `/api/partners/venues/${venue.id}`, user, { timezone: 'Nowhere/Land' })).json().code).toBe('INVALID_TIMEZONE')
  })
})

describe('DELETE /api/partners/venues/{id}', () => {
  it('deletes a venue no listing uses', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const res = await call('DELETE', `/api/partners/venues/${venue.id}`, user)
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect(await db.select().from(venues).where(eq(venues.id, venue.id))).toEqual([])
    expect((await call('GET', `/api/partners/venues/${venue.id}`, user)).statusCode).toBe(404)
  })

  it('refuses while scheduled sessions are to come, naming how many and the next one', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id })
    const now = ctx.clock.now().getTime()
    const next = new Date(now + 2 * DAY_MS)
    await createSession(db, listing.id, new Date(now + 5 * DAY_MS))
    await createSession(db, listing.id, next)
    await createSession(db, listing.id, new Date(now - HOUR_MS)) // past: does not count
    await createSession(db, listing.id, new Date(now + DAY_MS), { status: 'cancelled' }) // cancelled: does not count
    const res = await call('DELETE', `/api/partners/venues/${venue.id}`, user)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('VENUE_HAS_SESSIONS')
    expect(res.json().detail).toContain('2 upcoming sessions')
    expect(res.json().detail).toContain(next.toISOString())
    expect(res.json().detail).toContain('Asia/Kolkata')
    expect(await findOwnedVenue(db, partner.id, venue.id)).toBeDefined()
  })

  it('archives a venue that listings still point at: gone from the partner’s routes, kept for the listings', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id })
    await createSession(db, listing.id, new Date(ctx.clock.now().getTime() - DAY_MS))
    const res = await call('DELETE', `/api/partners/venues/${venue.id}`, user)
    expect(res.statusCode).toBe(204)
    const [row] = await db.select().from(venues).where(eq(venues.id, venue.id))
    expect(row!.deleted_at?.toISOString()).toBe(ctx.clock.now().toISOString())
    expect((await call('GET', `/api/partners/venues/${venue.id}`, user)).statusCode).toBe(404)
    expect((await call('PUT', `/api/partners/venues/${venue.id}`, user, { name: 'Back' })).statusCode).toBe(404)
    expect((await call('DELETE', `/api/partners/venues/${venue.id}`, user)).statusCode).toBe(404)
    expect(await findOwnedVenue(db, partner.id, venue.id)).toBeUndefined()
    const [kept] = await db.select().from(listings).where(eq(listings.id, listing.id))
    expect(kept!.venue_id).toBe(venue.id)
  })
})
