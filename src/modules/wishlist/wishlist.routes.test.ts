// The wishlist over HTTP: saving is idempotent and only for public listings, removing too; the list shows cards with
// the next session's seats left, and a listing that stopped being public as unavailable, never as an error.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createSession, createUser } from '../../../test/factories.js'
import { listings, partners, sessions } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

const ctx = await buildTestApp()
const { db } = ctx.database

async function parent() {
  const user = await createUser(db)
  const headers = await authHeader(user, ctx.clock)
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string) => ctx.app.inject({ method, url, headers })
  return { user, call }
}
type Item = { listing: { id: string; title: string; next_session_at: string | null }; available: boolean; seats_left: number | null }

describe('wishlist', () => {
  it('saves idempotently, lists cards with seats left, removes idempotently', async () => {
    const { call } = await parent()
    const listing = await createListing(db)
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 2 * DAY_MS), { capacity: 8 })
    await db.update(sessions).set({ seats_taken: 3 }).where(eq(sessions.id, session.id))
    const first = await call('POST', `/api/wishlist/${listing.id}`)
    expect(first.statusCode, first.body).toBe(200)
    ctx.clock.advance(60_000)
    const again = await call('POST', `/api/wishlist/${listing.id}`)
    expect(again.json()).toEqual(first.json())
    const list = (await call('GET', '/api/wishlist')).json()
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({ available: true, seats_left: 5, listing: { id: listing.id, next_session_at: session.starts_at.toISOString() } })

    expect((await call('DELETE', `/api/wishlist/${listing.id}`)).statusCode).toBe(204)
    expect((await call('DELETE', `/api/wishlist/${listing.id}`)).statusCode).toBe(204)
    expect((await call('GET', '/api/wishlist')).json().total).toBe(0)
  })

  it('refuses a listing the public cannot see (404) and a malformed id (422)', async () => {
    const { call } = await parent()
    const draft = await createListing(db, { status: 'draft' })
    expect((await call('POST', `/api/wishlist/${draft.id}`)).statusCode).toBe(404)
    expect((await call('POST', '/api/wishlist/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d')).statusCode).toBe(404)
    expect((await call('POST', '/api/wishlist/not-a-uuid')).statusCode).toBe(422)
  })

  it('shows a listing that stopped being public as unavailable, without its session; only the parent’s own items', async () => {
    const { call } = await parent()
    const other = await parent()
    const archived = await createListing(db)
    const suspendedPartner = await createPartner(db)
    const ofSuspended = await createListing(db, { partner_id: suspendedPartner.id })
    const live = await createListing(db)
    await createSession(db, archived.id, new Date(ctx.clock.now().getTime() + DAY_MS))
    for (const l of [archived, ofSuspended, live]) {
      expect((await call('POST', `/api/wishlist/${l.id}`)).statusCode).toBe(200)
      ctx.clock.advance(1000)
    }
    await other.call('POST', `/api/wishlist/${live.id}`)
    await db.update(listings).set({ status: 'archived' }).where(eq(listings.id, archived.id))
    await db.update(partners).set({ status: 'suspended' }).where(eq(partners.id, suspendedPartner.id))

    const res = await call('GET', '/api/wishlist?page_size=10')
    expect(res.statusCode).toBe(200)
    const items = res.json().items as Item[]
    expect(items.map((i) => [i.listing.id, i.available])).toEqual([[live.id, true], [ofSuspended.id, false], [archived.id, false]])
    expect(items[2]).toMatchObject({ seats_left: null, listing: { next_session_at: null } })
    expect((await other.call('GET', '/api/wishlist')).json().total).toBe(1)
  })
})
