import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeGeocodingServer } from '../../../test/fakes/google-geocoding-server.js'
import { authHeader, createListing, createPartner, createVenue } from '../../../test/factories.js'
import { listings, venues } from '../../db/schema/index.js'

// GOOGLE_MAPS_API_KEY set and the API base pointed at a local fake: the app's real geocoder talks HTTP to it
const fake = await startFakeGeocodingServer()
afterAll(() => fake.close())
const ctx = await buildTestApp({ env: { GOOGLE_MAPS_API_KEY: fake.apiKey, GOOGLE_MAPS_API_BASE: fake.baseUrl } })
const { db } = ctx.database

fake.on('Indiranagar', { kind: 'ok', lat: 12.9784, lng: 77.6408 })
fake.on('Koregaon Park', { kind: 'ok', lat: 18.5362, lng: 73.8939 })
fake.on('Atlantis', { kind: 'zero_results' })
fake.on('Server Meltdown', { kind: 'http_error', statusCode: 500 })
fake.on('Quota Street', { kind: 'status', status: 'OVER_QUERY_LIMIT' })

async function partnerUser() {
  const partner = await createPartner(db)
  return { partner, user: { id: partner.user_id, role: 'partner' as const }, headers: await authHeader({ id: partner.user_id, role: 'partner' }, ctx.clock) }
}

const place = (address: string) => ({ name: 'Studio', address, city: 'Bengaluru', state: 'Karnataka', pincode: '560038' })

describe('venues with geocoding on', () => {
  it('geocodes the address when lat/lng are not given (OK)', async () => {
    const { headers } = await partnerUser()
    const res = await ctx.app.inject({ method: 'POST', url: '/api/partners/venues', headers, payload: { ...place('100 Feet Road'), area: 'Indiranagar' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ lat: 12.9784, lng: 77.6408 })
    expect(fake.requests.at(-1)).toMatchObject({ address: '100 Feet Road, Indiranagar, Bengaluru, Karnataka, 560038, India', key: fake.apiKey })
  })

  it('does not call Google when lat/lng are given', async () => {
    const { headers } = await partnerUser()
    const before = fake.requests.length
    const res = await ctx.app.inject({ method: 'POST', url: '/api/partners/venues', headers, payload: { ...place('Indiranagar'), lat: 1, lng: 2 } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ lat: 1, lng: 2 })
    expect(fake.requests.length).toBe(before)
  })

  it('answers 422 ADDRESS_NOT_FOUND on ZERO_RESULTS and creates nothing', async () => {
    const { partner, headers } = await partnerUser()
    const res = await ctx.app.inject({ method: 'POST', url: '/api/partners/venues', headers, payload: place('1 Atlantis Lane') })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code: 'ADDRESS_NOT_FOUND', detail: expect.stringContaining('1 Atlantis Lane') })
    expect(await db.select().from(venues).where(eq(venues.partner_id, partner.id))).toEqual([])
  })

  it.each(['Server Meltdown', 'Quota Street'])('answers 503 GEOCODING_UNAVAILABLE when Google fails (%s), without leaking the key', async (address) => {
    const { headers } = await partnerUser()
    const res = await ctx.app.inject({ method: 'POST', url: '/api/partners/venues', headers, payload: place(address) })
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('GEOCODING_UNAVAILABLE')
    expect(res.headers['retry-after']).toBe('30')
    expect(res.body).not.toContain(fake.apiKey)
  })

  it('geocodes again when the address changes, and copies the new position to listings', async () => {
    const { partner, headers } = await partnerUser()
    const venue = await createVenue(db, partner.id)
    const listing = await createListing(db, { partner_id: partner.id, venue_id: venue.id, city: venue.city, lat: venue.lat, lng: venue.lng })
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/partners/venues/${venue.id}`,
      headers,
      payload: { address: 'Lane 5, Koregaon Park', city: 'Pune', state: 'Maharashtra', pincode: '411001' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ city: 'Pune', lat: 18.5362, lng: 73.8939 })
    const [row] = await db.select().from(listings).where(eq(listings.id, listing.id))
    expect(row).toMatchObject({ city: 'Pune', lat: 18.5362, lng: 73.8939 })
  })

  it('keeps the venue as it was when the new address cannot be found', async () => {
    const { partner, headers } = await partnerUser()
    const venue = await createVenue(db, partner.id)
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/partners/venues/${venue.id}`, headers, payload: { address: 'Atlantis' } })
    expect(res.statusCode).toBe(422)
    const [row] = await db.select().from(venues).where(eq(venues.id, venue.id))
    expect(row).toEqual(venue)
  })

  it('does not geocode when only the name changes', async () => {
    const { partner, headers } = await partnerUser()
    const venue = await createVenue(db, partner.id)
    const before = fake.requests.length
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/partners/venues/${venue.id}`, headers, payload: { name: 'Just a rename' } })
    expect(res.statusCode).toBe(200)
    expect(fake.requests.length).toBe(before)
  })
})
