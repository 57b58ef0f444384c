// The whole marketplace through the HTTP API alone: a partner signs up and publishes a listing with a schedule,
// an admin verifies and approves it, it appears in search, and a parent books it and gets an invoice.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../build-test-app.js'
import { createCategory } from '../factories.js'
import { apiClient, ok } from './api-client.js'

const ctx = await buildTestApp({ env: { APP_ENV: 'dev', PAYMENTS_MODE: 'mock' } })

const { api, signIn, auth } = apiClient(ctx.app)

describe('from partner sign-up to a parent’s invoice', () => {
  it('works end to end through the API', async () => {
    const category = await createCategory(ctx.database.db, { name: 'Swimming' })

    const partner = await signIn('9812345678', { role: 'partner' })
    const profile = await ok(api.POST('/api/partners', {
      headers: auth(partner),
      body: {
        business_name: 'Blue Lagoon Swim School',
        city: 'Mumbai',
        state: 'Maharashtra',
        pan: 'AAPFU0939F',
        gstin: '27AAPFU0939F1ZV',
        bank_account_number: '123456789012',
        ifsc: 'HDFC0001234',
        account_holder_name: 'Blue Lagoon LLP',
      },
    }))
    await ok(api.POST('/api/partners/my/kyc/submit', { headers: auth(partner) }))

    const admin = await signIn('admin@rrray.test')
    await ok(api.POST('/api/admin/partners/{id}/kyc', { headers: auth(admin), params: { path: { id: profile.id } }, body: { decision: 'verify' } }))

    const venue = await ok(api.POST('/api/partners/venues', {
      headers: auth(partner),
      body: { name: 'Bandra pool', address: 'Carter Road', city: 'Mumbai', state: 'Maharashtra', pincode: '400050', lat: 19.0596, lng: 72.8295 },
    }))
    const listing = await ok(api.POST('/api/partners/listings', {
      headers: auth(partner),
      body: { title: 'Learn to swim', category: category.slug, venue_id: venue.id, type: 'class', age_min: 5, age_max: 10, price: 118_000 },
    }))
    const byListing = { path: { id: listing.id } }
    const plan = await ok(api.POST('/api/partners/listings/{id}/plan-options', { headers: auth(partner), params: byListing, body: { kind: 'single', name: 'One class', price: 118_000 } }))
    await ok(api.POST('/api/partners/listings/{id}/batches', {
      headers: auth(partner),
      params: byListing,
      body: { weekdays: [6, 7], start_time: '10:00', duration_minutes: 60, start_date: '2026-01-05', capacity: 12 },
    }))
    await ok(api.POST('/api/partners/listings/{id}/submit', { headers: auth(partner), params: byListing }))

    const search = () => ok(api.GET('/api/search', { params: { query: { city: 'bombay', age: 7 } } }))
    expect((await search()).items).toEqual([]) // pending review: not public yet

    await ok(api.POST('/api/admin/listings/{id}/approve', { headers: auth(admin), params: byListing }))
    const found = (await search()).items
    expect(found.map((l) => l.id)).toEqual([listing.id])

    const sessions = (await ok(api.GET('/api/listings/{id}/sessions', { params: byListing }))).items
    expect(sessions.length).toBeGreaterThan(10)
    expect(sessions[0]!.seats_left).toBe(12)

    const parent = await signIn('parent@example.com', { role: 'customer' })
    const children = await ok(api.POST('/api/auth/add-child', { headers: auth(parent), body: { name: 'Meera', date_of_birth: '2018-06-01' } }))
    const booked = await ok(api.POST('/api/bookings', {
      headers: auth(parent),
      params: { header: { 'idempotency-key': 'journey-1' } },
      body: { listing_id: listing.id, plan_option_id: plan.id, session_id: sessions[0]!.id, child_ids: [children[0]!.id] },
    }))
    expect(booked.booking.status).toBe('confirmed')

    const after = (await ok(api.GET('/api/listings/{id}/sessions', { params: byListing }))).items
    expect(after[0]!.seats_left).toBe(11)
    const invoices = (await ok(api.GET('/api/invoices/my', { headers: auth(parent) }))).items
    expect(invoices).toHaveLength(1)
    expect(invoices[0]!.total).toBe(118_000)
    expect(invoices[0]!.cgst + invoices[0]!.sgst).toBe(18_000) // Maharashtra partner, Maharashtra venue: 18% inside the price
    const roster = (await ok(api.GET('/api/partner/bookings', { headers: auth(partner) }))).items
    expect(roster).toHaveLength(1)
  })
})
