// The media routes with Cloudinary configured: uploads go to the (fake) Upload API, signed; its failures are a clean 503.
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { startFakeCloudinaryServer } from '../../../test/fakes/cloudinary-server.js'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner } from '../../../test/factories.js'
import { listings, media } from '../../db/schema/index.js'
import { ManualClock } from '../../shared/clock.js'

const clock = new ManualClock('2026-11-28T10:00:00.000Z')
const fake = await startFakeCloudinaryServer({ now: () => clock.now() })
afterAll(() => fake.close())
const ctx = await buildTestApp({
  clock,
  env: { CLOUDINARY_CLOUD_NAME: fake.cloudName, CLOUDINARY_API_KEY: fake.apiKey, CLOUDINARY_API_SECRET: fake.apiSecret, CLOUDINARY_API_BASE: fake.baseUrl },
})
const { db } = ctx.database

const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')

async function uploadWebp(listingId: string, user: { id: string; role: 'partner' }) {
  const boundary = 'rrray-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../x.webp"\r\nContent-Type: image/webp\r\n\r\n`),
    webp,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return ctx.app.inject({
    method: 'POST',
    url: `/api/partners/listings/${listingId}/media`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(await authHeader(user, clock)) },
  })
}

async function newPartner() {
  const partner = await createPartner(db)
  const listing = await createListing(db, { partner_id: partner.id })
  return { listing, user: { id: partner.user_id, role: 'partner' as const } }
}

describe('media on Cloudinary', () => {
  it('uploads through the signed API (the fake checks the signature) and records the secure URL', async () => {
    const { listing, user } = await newPartner()
    const res = await uploadWebp(listing.id, user)
    expect(res.statusCode, res.body).toBe(201)
    const item = res.json().items[0] as { id: string; url: string }
    expect(item.url).toBe(`https://res.cloudinary.com/${fake.cloudName}/image/upload/v${clock.now().getTime() / 1000}/rrray/listings/${item.id}`)
    expect(fake.uploads.get(`rrray/listings/${item.id}`)?.bytes.equals(webp)).toBe(true)
    const [row] = await db.select().from(media).where(eq(media.id, item.id))
    expect(row).toMatchObject({ storage: 'cloudinary', storage_key: `rrray/listings/${item.id}` })

    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/partners/listings/${listing.id}/media/${item.id}`, headers: await authHeader(user, clock) })).statusCode).toBe(204)
    expect(fake.uploads.has(`rrray/listings/${item.id}`)).toBe(false)
  })

  it('answers 503 MEDIA_STORAGE_UNAVAILABLE when Cloudinary fails, and records nothing', async () => {
    const { listing, user } = await newPartner()
    fake.failWith(500)
    const res = await uploadWebp(listing.id, user)
    fake.failWith(undefined)
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ detail: 'Image storage is unavailable; please try again later', code: 'MEDIA_STORAGE_UNAVAILABLE' })
    expect(await db.select().from(media).where(eq(media.listing_id, listing.id))).toEqual([])
    expect((await db.select({ images: listings.images }).from(listings).where(eq(listings.id, listing.id)))[0]!.images).toEqual([])
  })
})
