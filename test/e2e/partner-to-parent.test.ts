// The whole marketplace through the HTTP API alone: a partner signs up and publishes a listing with a schedule,
// an admin verifies and approves it, it appears in search, and a parent books it and gets an invoice.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../build-test-app.js'
import { createCategory } from '../factories.js'
import { apiClient, type Json } from './api-client.js'

const ctx = await buildTestApp({ env: { APP_ENV: 'dev', PAYMENTS_MODE: 'mock' } })

const { call, signIn } = apiClient(ctx.app)

describe('from partner sign-up to a parent’s invoice', () => {
  it('works end to end through the API', async () => {
    const category = await createCategory(ctx.database.db, { name: 'Swimming' })

    const partner = await signIn('9812345678', { role: 'partner' })
    const profile = await call('POST', '/api/partners', partner, {
      business_name: 'Blue Lagoon Swim School',
      city: 'Mumbai',
      state: 'Maharashtra',
      pan: 'AAPFU0939F',
      gstin: '27AAPFU0939F1ZV',
      bank_account_number: '123456789012',
      ifsc: 'HDFC0001234',
      account_holder_name: 'Blue Lagoon LLP',
    })
    await call('POST', '/api/partners/my/kyc/submit', partner)

    const admin = await signIn('admin@rrray.test')
    await call('POST', `/api/admin/partners/${profile.id}/kyc`, admin, { decision: 'verify' })

    const venue = await call('POST', '/api/partners/venues', partner, {
      name: 'Bandra pool', address: 'Carter Road', city: 'Mumbai', state: 'Maharashtra', pincode: '400050', lat: 19.0596, lng: 72.8295,
    })
    const listing = await call('POST', '/api/partners/listings', partner, {
      title: 'Learn to swim', category: category.slug, venue_id: venue.id, type: 'class', age_min: 5, age_max: 10, price: 118_000,
    })
    const plan = await call('POST', `/api/partners/listings/${listing.id}/plan-options`, partner, { kind: 'single', name: 'One class', price: 118_000 })
    await call('POST', `/api/partners/listings/${listing.id}/batches`, partner, {
      weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-01-05', capacity: 12,
    })
    await call('POST', `/api/partners/listings/${listing.id}/submit`, partner)

    const search = () => call('GET', '/api/search?city=bombay&age=7', undefined)
    expect((await search()).items).toEqual([]) // pending review: not public yet

    await call('POST', `/api/admin/listings/${listing.id}/approve`, admin)
    const found = (await search()).items as Json[]
    expect(found.map((l) => l.id)).toEqual([listing.id])

    const sessions = (await call('GET', `/api/listings/${listing.id}/sessions`)).items as (Json & { seats_left: number })[]
    expect(sessions.length).toBeGreaterThan(10)
    expect(sessions[0]!.seats_left).toBe(12)

    const parent = await signIn('parent@example.com', { role: 'customer' })
    const children = (await call('POST', '/api/auth/add-child', parent, { name: 'Meera', date_of_birth: '2018-06-01' })) as unknown as Json[]
    const booked = await call('POST', '/api/bookings', parent,
      { listing_id: listing.id, plan_option_id: plan.id, session_id: sessions[0]!.id, child_ids: [children[0]!.id] },
      { 'idempotency-key': 'journey-1' })
    expect((booked.booking as Json).status).toBe('confirmed')

    const after = (await call('GET', `/api/listings/${listing.id}/sessions`)).items as (Json & { seats_left: number })[]
    expect(after[0]!.seats_left).toBe(11)
    const invoices = (await call('GET', '/api/invoices/my', parent)).items as (Json & { total: number; cgst: number; sgst: number })[]
    expect(invoices).toHaveLength(1)
    expect(invoices[0]!.total).toBe(118_000)
    expect(invoices[0]!.cgst + invoices[0]!.sgst).toBe(18_000) // Maharashtra partner, Maharashtra venue: 18% inside the price
    const roster = (await call('GET', '/api/partner/bookings', partner)).items as Json[]
    expect(roster).toHaveLength(1)
  })
})
