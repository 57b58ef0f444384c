// Reviews over HTTP: who may review what (attended bookings only, once, their own), the edit window, the partner's one
// reply, hiding and restoring (audited), and the ratings and histograms every public read shows.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createBookingWithSeat, createListing, createPartner, createUser, type SeatState } from '../../../test/factories.js'
import { multipart, png } from '../../../test/images.js'
import { auditLogs, listings, notifications, partners } from '../../db/schema/index.js'
import { DISPATCH_JOB } from '../notifications/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'

const uploadsDir = await mkdtemp(join(tmpdir(), 'rrray-reviews-'))
afterAll(() => rm(uploadsDir, { recursive: true, force: true }))
const ctx = await buildTestApp({ env: { UPLOADS_DIR: uploadsDir } })
const { db } = ctx.database
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, user?: Caller, payload?: object) {
  const auth = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })
}

/** A confirmed booking of one child in one session of `listing`, in the given state relative to the clock. */
async function booking(listing: { id: string; partner_id: string }, state: SeatState = 'attended', parent?: Caller) {
  const user = parent ?? (await createUser(db))
  return { user: { id: user.id, role: 'customer' as const }, booking: await createBookingWithSeat(db, listing, user.id, ctx.clock.now(), state) }
}

async function partnerListing() {
  const owner = await createUser(db, { role: 'partner' })
  const partner = await createPartner(db, { user_id: owner.id })
  const listing = await createListing(db, { partner_id: partner.id })
  return { owner: { id: owner.id, role: 'partner' as const }, partner, listing }
}

const review = async (b: Awaited<ReturnType<typeof booking>>, rating: number, text = 'Lovely coach') => {
  const res = await call('POST', '/api/reviews', b.user, { booking_id: b.booking.id, rating, text })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; rating: number; reviewer_name: string; editable_until: string }
}

async function ratings(listingId: string, partnerId: string) {
  const [l] = await db.select({ avg: listings.rating_avg, count: listings.rating_count }).from(listings).where(eq(listings.id, listingId))
  const [p] = await db.select({ avg: partners.rating_avg, count: partners.rating_count }).from(partners).where(eq(partners.id, partnerId))
  return { listing: { avg: Number(l!.avg), count: l!.count }, partner: { avg: Number(p!.avg), count: p!.count } }
}

const admin = async () => ({ id: (await createUser(db, { role: 'admin' })).id, role: 'admin' as const })

describe('writing a review', () => {
  it('accepts an attended booking, or one whose session ended with no absence; shows the reviewer by first name and initial', async () => {
    const { listing, partner } = await partnerListing()
    const parent = await createUser(db, { name: 'Priya Sharma', email: 'priya.sharma@example.com' })
    const a = await booking(listing, 'attended', { id: parent.id, role: 'customer' })
    const created = await review(a, 5)
    expect(created.reviewer_name).toBe('Priya S.')
    expect(JSON.stringify(created)).not.toContain('example.com')
    await review(await booking(listing, 'ended'), 2)
    expect(await ratings(listing.id, partner.id)).toEqual({ listing: { avg: 3.5, count: 2 }, partner: { avg: 3.5, count: 2 } })
  })

  it('refuses a booking nobody attended: absent, not yet held, reported unable to attend (422 BOOKING_NOT_ATTENDED)', async () => {
    const { listing } = await partnerListing()
    for (const state of ['absent', 'upcoming', 'reported'] as const) {
      const b = await booking(listing, state)
      const res = await call('POST', '/api/reviews', b.user, { booking_id: b.booking.id, rating: 4 })
      expect({ state, status: res.statusCode, code: res.json().code }).toEqual({ state, status: 422, code: 'BOOKING_NOT_ATTENDED' })
    }
  })

  it('refuses a second review of the same booking (409 REVIEW_EXISTS) and another family’s booking (404)', async () => {
    const { listing, partner } = await partnerListing()
    const b = await booking(listing)
    await review(b, 4)
    const twice = await call('POST', '/api/reviews', b.user, { booking_id: b.booking.id, rating: 1 })
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'REVIEW_EXISTS'])
    const stranger = await booking(listing)
    const theirs = await call('POST', '/api/reviews', stranger.user, { booking_id: b.booking.id, rating: 1 })
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'BOOKING_NOT_FOUND'])
    expect(await ratings(listing.id, partner.id)).toMatchObject({ listing: { avg: 4, count: 1 } })
  })

  it('refuses bad input with 422 and changes nothing', async () => {
    const { listing, partner } = await partnerListing()
    const b = await booking(listing)
    for (const body of [
      { booking_id: b.booking.id, rating: 0 },
      { booking_id: b.booking.id, rating: 6 },
      { booking_id: b.booking.id, rating: 4.5 },
      { booking_id: b.booking.id, rating: 1e308 },
      { booking_id: b.booking.id, rating: 4, text: 'x'.repeat(2001) },
      { booking_id: b.booking.id, rating: 4, text: 'bad\u0000byte' },
      { booking_id: 'nope', rating: 4 },
    ]) {
      expect((await call('POST', '/api/reviews', b.user, body)).statusCode).toBe(422)
    }
    expect(await ratings(listing.id, partner.id)).toMatchObject({ listing: { count: 0 } })
    const emoji = await call('POST', '/api/reviews', b.user, { booking_id: b.booking.id, rating: 5, text: 'Loved it 🎨♟️ बहुत अच्छा' })
    expect(emoji.statusCode).toBe(201)
    expect(emoji.json().text).toBe('Loved it 🎨♟️ बहुत अच्छा')
  })
})

describe('editing', () => {
  it('lets the author edit for 7 days (ratings follow), then 409 REVIEW_EDIT_WINDOW_CLOSED; another parent gets 404', async () => {
    const { listing, partner } = await partnerListing()
    const b = await booking(listing)
    const created = await review(b, 2)
    const other = await createUser(db)
    expect((await call('PATCH', `/api/reviews/${created.id}`, { id: other.id, role: 'customer' }, { rating: 5 })).statusCode).toBe(404)
    expect((await call('PATCH', `/api/reviews/${created.id}`, b.user, {})).json().code).toBe('NO_CHANGES')
    ctx.clock.advance(7 * DAY_MS - HOUR_MS)
    const edited = await call('PATCH', `/api/reviews/${created.id}`, b.user, { rating: 5, text: 'Better after week two' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(await ratings(listing.id, partner.id)).toMatchObject({ listing: { avg: 5, count: 1 }, partner: { avg: 5, count: 1 } })
    ctx.clock.advance(2 * HOUR_MS)
    const late = await call('PATCH', `/api/reviews/${created.id}`, b.user, { rating: 1 })
    expect([late.statusCode, late.json().code]).toEqual([409, 'REVIEW_EDIT_WINDOW_CLOSED'])
    expect(await ratings(listing.id, partner.id)).toMatchObject({ listing: { avg: 5 } })
  })
})

describe('replies', () => {
  it('the listing’s partner replies once (409 the second time); another partner gets 404; unreplied filter', async () => {
    const { listing, owner } = await partnerListing()
    const reviewed = await booking(listing)
    const r = await review(reviewed, 4)
    const r2 = await review(await booking(listing), 3)
    const stranger = await partnerListing()
    expect((await call('POST', `/api/partner/reviews/${r.id}/reply`, stranger.owner, { reply: 'Hi' })).statusCode).toBe(404)
    const unrepliedBefore = await call('GET', '/api/partner/reviews?unreplied=true', owner)
    expect(unrepliedBefore.json().total).toBe(2)
    const first = await call('POST', `/api/partner/reviews/${r.id}/reply`, owner, { reply: 'Thank you!' })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().reply.text).toBe('Thank you!')
    const second = await call('POST', `/api/partner/reviews/${r.id}/reply`, owner, { reply: 'Again' })
    expect([second.statusCode, second.json().code]).toEqual([409, 'REVIEW_ALREADY_REPLIED'])
    // the reviewer is told of the one reply, once
    await ctx.jobs.drain(DISPATCH_JOB)
    const told = await ctx.database.db.select({ user_id: notifications.user_id, data: notifications.data }).from(notifications).where(eq(notifications.kind, 'review_reply'))
    expect(told.filter((n) => (n.data as { review_id?: string }).review_id === r.id)).toEqual([{ user_id: reviewed.user.id, data: { review_id: r.id, listing_id: listing.id } }])
    const unreplied = await call('GET', '/api/partner/reviews?unreplied=true', owner)
    expect(unreplied.json().items.map((i: { id: string }) => i.id)).toEqual([r2.id])
    const listed = await call('GET', `/api/listings/${listing.id}/reviews`)
    expect(listed.json().items.find((i: { id: string }) => i.id === r.id).reply.text).toBe('Thank you!')
  })
})

describe('hiding and restoring', () => {
  it('a hidden review leaves public reads, histograms and ratings; restore brings it back; both audited', async () => {
    const { listing, partner, owner } = await partnerListing()
    const good = await review(await booking(listing), 5)
    const bad = await booking(listing)
    const rude = await review(bad, 1)
    const boss = await admin()
    const noReason = await call('POST', `/api/admin/reviews/${rude.id}/hide`, boss, { reason: '   ' })
    expect(noReason.statusCode).toBe(422)
    const hidden = await call('POST', `/api/admin/reviews/${rude.id}/hide`, boss, { reason: 'Abusive language' })
    expect(hidden.statusCode, hidden.body).toBe(200)
    expect(hidden.json()).toMatchObject({ hidden: true, hidden_reason: 'Abusive language' })
    expect((await call('POST', `/api/admin/reviews/${rude.id}/hide`, boss, { reason: 'Again' })).json().code).toBe('REVIEW_ALREADY_HIDDEN')

    expect(await ratings(listing.id, partner.id)).toEqual({ listing: { avg: 5, count: 1 }, partner: { avg: 5, count: 1 } })
    const publicList = (await call('GET', `/api/listings/${listing.id}/reviews`)).json()
    expect(publicList.items.map((i: { id: string }) => i.id)).toEqual([good.id])
    expect(publicList.rating).toEqual({ average: 5, count: 1, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } })
    const partnerPublic = (await call('GET', `/api/partners/${partner.id}/reviews`)).json()
    expect(partnerPublic.total).toBe(1)
    expect((await call('GET', '/api/partner/reviews', owner)).json().total).toBe(1)
    expect((await call('POST', `/api/partner/reviews/${rude.id}/reply`, owner, { reply: 'Hm' })).statusCode).toBe(404)
    const search = (await call('GET', `/api/listings/${listing.id}`)).json()
    expect(search.rating).toEqual({ average: 5, count: 1 })
    const mine = (await call('GET', '/api/reviews/my', bad.user)).json()
    expect(mine.items[0]).toMatchObject({ id: rude.id, hidden: true })

    const restored = await call('POST', `/api/admin/reviews/${rude.id}/restore`, boss, { reason: 'Appeal accepted' })
    expect(restored.statusCode, restored.body).toBe(200)
    expect((await call('POST', `/api/admin/reviews/${rude.id}/restore`, boss, { reason: 'Again' })).json().code).toBe('REVIEW_NOT_HIDDEN')
    expect(await ratings(listing.id, partner.id)).toEqual({ listing: { avg: 3, count: 2 }, partner: { avg: 3, count: 2 } })
    const audit = await db.select().from(auditLogs).where(and(eq(auditLogs.target_type, 'review'), eq(auditLogs.target_id, rude.id)))
    expect(audit.map((a) => [a.action, a.actor_id]).sort()).toEqual([['review.hide', boss.id], ['review.restore', boss.id]])
    const adminList = (await call('GET', `/api/admin/reviews?listing_id=${listing.id}&hidden=false`, boss)).json()
    expect(adminList.total).toBe(2)
  })

  it('hiding an unknown review is 404', async () => {
    expect((await call('POST', '/api/admin/reviews/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d/hide', await admin(), { reason: 'x' })).statusCode).toBe(404)
  })
})

describe('public reads', () => {
  it('sorts newest, highest, lowest with a histogram; 404 for a listing or partner the public cannot see', async () => {
    const { listing, partner } = await partnerListing()
    for (const stars of [3, 5, 1, 4]) {
      await review(await booking(listing), stars)
      ctx.clock.advance(60_000)
    }
    const list = async (sort: string) => (await call('GET', `/api/listings/${listing.id}/reviews?sort=${sort}&page_size=10`)).json()
    expect((await list('newest')).items.map((i: { rating: number }) => i.rating)).toEqual([4, 1, 5, 3])
    expect((await list('highest')).items.map((i: { rating: number }) => i.rating)).toEqual([5, 4, 3, 1])
    expect((await list('lowest')).items.map((i: { rating: number }) => i.rating)).toEqual([1, 3, 4, 5])
    expect((await list('newest')).rating).toEqual({ average: 3.25, count: 4, histogram: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 1 } })
    const paged = (await call('GET', `/api/listings/${listing.id}/reviews?page=2&page_size=3`)).json()
    expect([paged.items.length, paged.total]).toEqual([1, 4])
    expect((await call('GET', `/api/listings/${listing.id}/reviews?sort=best`)).statusCode).toBe(422)

    const draft = await createListing(db, { partner_id: partner.id, status: 'draft' })
    expect((await call('GET', `/api/listings/${draft.id}/reviews`)).statusCode).toBe(404)
    const suspended = await createPartner(db, { status: 'suspended' })
    expect((await call('GET', `/api/partners/${suspended.id}/reviews`)).statusCode).toBe(404)
    expect((await call('GET', '/api/partners/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d/reviews')).statusCode).toBe(404)
  })
})

describe('photos', () => {
  it('the author adds up to 5 images (checked by their bytes) while the review is editable, and removes them', async () => {
    const { listing } = await partnerListing()
    const b = await booking(listing)
    const r = await review(b, 5)
    const upload = async (user: Caller, files: Buffer[]) => {
      const body = multipart(files.map((bytes, i) => ({ filename: `p${i}.png`, bytes })))
      return ctx.app.inject({ method: 'POST', url: `/api/reviews/${r.id}/photos`, payload: body.payload, headers: { ...body.headers, ...(await authHeader(user, ctx.clock)) } })
    }
    const stranger = await createUser(db)
    expect((await upload({ id: stranger.id, role: 'customer' }, [png()])).statusCode).toBe(404)
    expect((await upload(b.user, [Buffer.from('not an image at all')])).json().code).toBe('UNSUPPORTED_IMAGE_TYPE')
    const added = await upload(b.user, [png(), png()])
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json().items).toHaveLength(2)
    expect((await readdir(join(uploadsDir, 'reviews'))).length).toBe(2)
    const tooMany = await upload(b.user, [png(), png(), png(), png()])
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([409, 'TOO_MANY_PHOTOS'])
    const shown = (await call('GET', `/api/listings/${listing.id}/reviews`)).json()
    expect(shown.items[0].photos.map((p: { id: string }) => p.id)).toEqual(added.json().items.map((p: { id: string }) => p.id))

    const photoId = added.json().items[0].id as string
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/reviews/${r.id}/photos/${photoId}`, headers: await authHeader(b.user, ctx.clock) })
    expect(removed.statusCode).toBe(204)
    expect((await readdir(join(uploadsDir, 'reviews'))).length).toBe(1)
    ctx.clock.advance(8 * DAY_MS)
    expect((await upload(b.user, [png()])).json().code).toBe('REVIEW_EDIT_WINDOW_CLOSED')
  })
})
