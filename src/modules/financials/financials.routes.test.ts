// GET /api/partner/financials/summary: exact figures from hand-made bookings (the test clock is 2026-01-05 10:00 IST).
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createUser } from '../../../test/factories.js'
import { bookings, type BOOKING_STATUSES } from '../../db/schema/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database

const customer = await createUser(db)

async function booking(listingId: string, status: (typeof BOOKING_STATUSES)[number], amount: number, confirmedAt: string | null, refund = 0) {
  const [row] = await db
    .insert(bookings)
    .values({ user_id: customer.id, listing_id: listingId, status, amount, refund_amount: refund, refund_status: refund ? 'processed' : null, confirmed_at: confirmedAt ? new Date(confirmedAt) : null })
    .returning()
  return row!
}

const partner = await createPartner(db)
const partnerUser = { id: partner.user_id, role: 'partner' as const }
const football = await createListing(db, { partner_id: partner.id, title: 'A Football' })
const art = await createListing(db, { partner_id: partner.id, title: 'B Art' })
// counted: paid (confirmed_at) in the last 30 days
await booking(football.id, 'confirmed', 99_900, '2026-01-02T06:00:00Z') // commission 14,985; not settled yet
await booking(football.id, 'completed', 149_900, '2025-12-20T06:00:00Z') // commission 22,485; settled
await booking(art.id, 'cancelled', 83_333, '2025-12-28T06:00:00Z', 50_000) // kept 33,333 → commission 4,999.95 → 5,000; settled
// not counted: never paid, paid before the range, another partner's
await booking(football.id, 'pending_payment', 99_900, null)
await booking(football.id, 'cancelled', 99_900, null)
await booking(football.id, 'expired', 99_900, null)
await booking(football.id, 'confirmed', 99_900, '2025-11-01T06:00:00Z')
const otherPartner = await createPartner(db)
await booking((await createListing(db, { partner_id: otherPartner.id })).id, 'completed', 500_000, '2026-01-01T06:00:00Z')

const summary = async (query = '', user: { id: string; role: 'customer' | 'partner' | 'admin' } = partnerUser) =>
  ctx.app.inject({ url: `/api/partner/financials/summary${query}`, headers: await authHeader(user, ctx.clock) })

describe('GET /api/partner/financials/summary', () => {
  it('sums the last 30 days of the partner’s paid bookings, per listing, to the paisa', async () => {
    const res = await summary()
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      from: '2025-12-07', to: '2026-01-05', currency: 'INR', commission_percent: 15,
      bookings_count: 3, gross: 333_133, refunds: 50_000, commission: 42_470, net_earned: 240_663, paid_out: 0, payable_now: 155_748,
      by_listing: [
        { listing_id: football.id, listing_title: 'A Football', bookings_count: 2, gross: 249_800, refunds: 0, commission: 37_470, net_earned: 212_330, payable_now: 127_415 },
        { listing_id: art.id, listing_title: 'B Art', bookings_count: 1, gross: 83_333, refunds: 50_000, commission: 5_000, net_earned: 28_333, payable_now: 28_333 },
      ],
    })
  })

  it('takes an explicit range in India days, both ends inclusive', async () => {
    const edge = await createPartner(db)
    const listing = await createListing(db, { partner_id: edge.id })
    await booking(listing.id, 'completed', 10_000, '2025-12-19T18:30:00Z') // 00:00 IST on 20 Dec: in
    await booking(listing.id, 'completed', 20_000, '2025-12-20T18:29:59Z') // 23:59:59 IST on 20 Dec: in
    await booking(listing.id, 'completed', 40_000, '2025-12-19T18:29:59Z') // 19 Dec in India: out
    await booking(listing.id, 'completed', 80_000, '2025-12-20T18:30:00Z') // 21 Dec in India: out
    const res = await summary('?from=2025-12-20&to=2025-12-20', { id: edge.user_id, role: 'partner' })
    expect(res.json()).toMatchObject({ from: '2025-12-20', to: '2025-12-20', bookings_count: 2, gross: 30_000, commission: 4_500, net_earned: 25_500 })
    // payable_now is a balance as of now, whatever the range: every settled booking ever, less payouts
    expect((await summary('?from=2025-11-01&to=2025-11-30')).json()).toMatchObject({ bookings_count: 1, gross: 99_900, payable_now: 155_748, by_listing: [{ payable_now: 0 }] })
  })

  it('uses the partner’s own commission rate when it has one', async () => {
    const own = await createPartner(db, { commission_percent: '10.50' })
    const listing = await createListing(db, { partner_id: own.id })
    await booking(listing.id, 'completed', 10_001, '2026-01-01T06:00:00Z') // 1,050.105 → 1,050
    const res = await summary('', { id: own.user_id, role: 'partner' })
    expect(res.json()).toMatchObject({ commission_percent: 10.5, gross: 10_001, commission: 1_050, net_earned: 8_951, payable_now: 8_951 })
  })

  it('answers zeros for a partner with no bookings and 404 without a partner profile', async () => {
    const idle = await createPartner(db)
    expect((await summary('', { id: idle.user_id, role: 'partner' })).json()).toMatchObject({ bookings_count: 0, gross: 0, net_earned: 0, payable_now: 0, by_listing: [] })
    const noProfile = await createUser(db, { role: 'partner' })
    expect((await summary('', noProfile)).statusCode).toBe(404)
  })

  it('is for partners only, and refuses a bad range', async () => {
    expect((await ctx.app.inject({ url: '/api/partner/financials/summary' })).statusCode).toBe(401)
    expect((await summary('', customer)).statusCode).toBe(403)
    const backwards = await summary('?from=2026-01-05&to=2026-01-04')
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().code).toBe('INVALID_DATE_RANGE')
    expect((await summary('?from=2026-13-01')).statusCode).toBe(422)
    expect((await summary('?to=05-01-2026')).statusCode).toBe(422)
  })
})
