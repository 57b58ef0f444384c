import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createUser, createVenue } from '../../../test/factories.js'
import { jpeg, multipart, png, webp, type Part } from '../../../test/images.js'
import { usingPostgres } from '../../../test/test-database.js'
import { listings, media, partners } from '../../db/schema/index.js'

const uploadsDir = await mkdtemp(join(tmpdir(), 'rrray-media-'))
afterAll(() => rm(uploadsDir, { recursive: true, force: true }))
const ctx = await buildTestApp({ env: { UPLOADS_DIR: uploadsDir } })
const { db } = ctx.database

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
async function upload(url: string, user: Caller | undefined, parts: Part[]) {
  const body = multipart(parts)
  const auth = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...auth } })
}
async function call(method: 'GET' | 'PUT' | 'DELETE', url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function newPartner() {
  const partner = await createPartner(db)
  const listing = await createListing(db, { partner_id: partner.id, status: 'approved' })
  return { partner, listing, user: { id: partner.user_id, role: 'partner' as const } }
}
const imagesOf = async (id: string) => (await db.select({ images: listings.images }).from(listings).where(eq(listings.id, id)))[0]!.images
const mediaUrl = /^\/uploads\/listings\/[0-9a-f-]{36}\.(png|jpg|webp)$/
const pngPart = (filename = 'photo.png'): Part => ({ filename, bytes: png() })

describe('uploading listing images', () => {
  it('stores a real PNG, JPEG and WebP under server-made names, in order, and keeps listings.images in step', async () => {
    const { listing, user } = await newPartner()
    const res = await upload(`/api/partners/listings/${listing.id}/media`, user, [
      { filename: 'a.png', bytes: png() },
      { filename: 'b.jpeg', bytes: jpeg(), contentType: 'image/jpeg' },
      { filename: 'c.webp', bytes: webp(), contentType: 'image/webp' },
    ])
    expect(res.statusCode, res.body).toBe(201)
    const items = res.json().items as { id: string; url: string; content_type: string; position: number; bytes: number }[]
    expect(items.map((m) => [m.content_type, m.position])).toEqual([['image/png', 0], ['image/jpeg', 1], ['image/webp', 2]])
    expect(items.map((m) => m.url.split('.').pop())).toEqual(['png', 'jpg', 'webp'])
    for (const m of items) expect(m.url).toMatch(mediaUrl)
    expect(items[0]!.bytes).toBe(png().length)
    expect(await imagesOf(listing.id)).toEqual(items.map((m) => m.url))
    // the approved listing stays approved: images are not a review-triggering change
    expect((await ctx.app.inject(`/api/listings/${listing.id}`)).json().images).toEqual(items.map((m) => m.url))

    const served = await ctx.app.inject(items[0]!.url)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.rawPayload.equals(png())).toBe(true)
  })

  it('judges by the bytes: a text file named .png with image/png is refused, and nothing is stored', async () => {
    const { listing, user } = await newPartner()
    const before = await readdir(join(uploadsDir, 'listings')).catch(() => [])
    for (const bytes of [Buffer.from('just some text, honestly'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')]) {
      const res = await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart(), { filename: 'innocent.png', bytes, contentType: 'image/png' }])
      expect([res.statusCode, res.json().code]).toEqual([422, 'UNSUPPORTED_IMAGE_TYPE'])
    }
    expect(await readdir(join(uploadsDir, 'listings')).catch(() => [])).toEqual(before)
    expect(await imagesOf(listing.id)).toEqual([])
  })

  it('accepts exactly 5 MB and answers 413 to 5 MB + 1 byte', async () => {
    const { listing, user } = await newPartner()
    const limit = 5 * 1024 * 1024
    const big = await upload(`/api/partners/listings/${listing.id}/media`, user, [{ filename: 'big.png', bytes: png(limit) }])
    expect(big.statusCode).toBe(201)
    const tooBig = await upload(`/api/partners/listings/${listing.id}/media`, user, [{ filename: 'big.png', bytes: png(limit + 1) }])
    expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'FILE_TOO_LARGE'])
    expect(await imagesOf(listing.id)).toHaveLength(1)
  })

  it('never uses the client’s file name as a path', async () => {
    const { listing, user } = await newPartner()
    for (const filename of ['../../etc/passwd.png', '..%2f..%2fescape.png', '/etc/cron.d/x.png', '..\\..\\win.png', 'photo.png\0.php', '.htaccess']) {
      const res = await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart(filename)])
      expect(res.statusCode, filename).toBe(201)
      expect(res.json().items.at(-1).url).toMatch(mediaUrl)
    }
    const stored = await readdir(uploadsDir, { recursive: true })
    expect(stored.filter((p) => !/^(listings|venues|logos)(\/[0-9a-f-]{36}\.(png|jpg|webp))?$/.test(p))).toEqual([])
    await expect(stat(join(uploadsDir, '..', 'etc'))).rejects.toThrow()
  })

  it('allows 10 images per listing: the 11th is 409 and leaves no file behind', async () => {
    const { listing, user } = await newPartner()
    const ten = await upload(`/api/partners/listings/${listing.id}/media`, user, Array.from({ length: 10 }, () => pngPart()))
    expect(ten.statusCode).toBe(201)
    const files = (await readdir(join(uploadsDir, 'listings'))).length
    const eleventh = await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart()])
    expect([eleventh.statusCode, eleventh.json().code]).toEqual([409, 'TOO_MANY_IMAGES'])
    expect((await readdir(join(uploadsDir, 'listings'))).length).toBe(files)
    expect(await imagesOf(listing.id)).toHaveLength(10)
  })

  it('answers 422 without a file, and to a JSON body', async () => {
    const { listing, user } = await newPartner()
    const empty = await upload(`/api/partners/listings/${listing.id}/media`, user, [])
    expect([empty.statusCode, empty.json().code]).toEqual([422, 'FILE_REQUIRED'])
    const json = await ctx.app.inject({ method: 'POST', url: `/api/partners/listings/${listing.id}/media`, headers: await authHeader(user, ctx.clock), payload: { file: 'x' } })
    expect(json.statusCode).toBe(422)
  })
})

describe('reordering and deleting', () => {
  it('reorders (the first becomes the cover) and refuses an incomplete or foreign order', async () => {
    const { listing, user } = await newPartner()
    const items = (await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart(), pngPart(), pngPart()])).json().items as { id: string; url: string }[]
    const reversed = [...items].reverse()
    const res = await call('PUT', `/api/partners/listings/${listing.id}/media/order`, user, { media_ids: reversed.map((m) => m.id) })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((m: { id: string; position: number }) => [m.id, m.position])).toEqual(reversed.map((m, i) => [m.id, i]))
    expect(await imagesOf(listing.id)).toEqual(reversed.map((m) => m.url))
    for (const ids of [[items[0]!.id, items[1]!.id], [...items.map((m) => m.id), randomUUID()], [items[0]!.id, items[0]!.id, items[1]!.id]]) {
      const bad = await call('PUT', `/api/partners/listings/${listing.id}/media/order`, user, { media_ids: ids })
      expect([bad.statusCode, bad.json().code]).toEqual([422, 'INVALID_MEDIA_ORDER'])
    }
    expect(await imagesOf(listing.id)).toEqual(reversed.map((m) => m.url))
  })

  it('deletes an image: the file goes, the rest close ranks', async () => {
    const { listing, user } = await newPartner()
    const items = (await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart(), pngPart(), pngPart()])).json().items as { id: string; url: string }[]
    const res = await call('DELETE', `/api/partners/listings/${listing.id}/media/${items[1]!.id}`, user)
    expect(res.statusCode).toBe(204)
    expect(await imagesOf(listing.id)).toEqual([items[0]!.url, items[2]!.url])
    expect((await db.select().from(media).where(eq(media.listing_id, listing.id))).map((m) => m.position).sort()).toEqual([0, 1])
    expect((await ctx.app.inject(items[1]!.url)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/partners/listings/${listing.id}/media/${items[1]!.id}`, user)).json().code).toBe('MEDIA_NOT_FOUND')
  })
})

describe('who may touch media', () => {
  it('401 without a token, 403 to a customer and an admin, on every media route', async () => {
    const { listing } = await newPartner()
    const id = randomUUID()
    for (const user of [undefined, await createUser(db), await createUser(db, { role: 'admin' })]) {
      const expected = user ? 403 : 401
      expect((await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart()])).statusCode).toBe(expected)
      expect((await upload('/api/partners/my/logo', user, [pngPart()])).statusCode).toBe(expected)
      expect((await upload(`/api/partners/venues/${id}/photos`, user, [pngPart()])).statusCode).toBe(expected)
      expect((await call('DELETE', `/api/partners/listings/${listing.id}/media/${id}`, user)).statusCode).toBe(expected)
      expect((await call('PUT', `/api/partners/listings/${listing.id}/media/order`, user, { media_ids: [id] })).statusCode).toBe(expected)
      expect((await call('GET', `/api/partners/venues/${id}/photos`, user)).statusCode).toBe(expected)
      expect((await call('DELETE', `/api/partners/venues/${id}/photos/${id}`, user)).statusCode).toBe(expected)
    }
  })

  it('404 for another partner’s listing or its media, which stay as they were', async () => {
    const owner = await newPartner()
    const items = (await upload(`/api/partners/listings/${owner.listing.id}/media`, owner.user, [pngPart(), pngPart()])).json().items as { id: string }[]
    const intruder = await newPartner()
    const ids = items.map((m) => m.id)
    expect((await upload(`/api/partners/listings/${owner.listing.id}/media`, intruder.user, [pngPart()])).json().code).toBe('LISTING_NOT_FOUND')
    expect((await call('DELETE', `/api/partners/listings/${owner.listing.id}/media/${ids[0]}`, intruder.user)).statusCode).toBe(404)
    expect((await call('PUT', `/api/partners/listings/${owner.listing.id}/media/order`, intruder.user, { media_ids: [...ids].reverse() })).statusCode).toBe(404)
    // the owner's media id through the intruder's own listing
    expect((await call('DELETE', `/api/partners/listings/${intruder.listing.id}/media/${ids[0]}`, intruder.user)).json().code).toBe('MEDIA_NOT_FOUND')
    expect(await db.select({ id: media.id }).from(media).where(eq(media.listing_id, owner.listing.id)).orderBy(media.position)).toEqual(ids.map((id) => ({ id })))
  })

  it('an archived listing takes no new images (409)', async () => {
    const { listing, user } = await newPartner()
    await db.update(listings).set({ status: 'archived' }).where(eq(listings.id, listing.id))
    const res = await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart()])
    expect([res.statusCode, res.json().code]).toEqual([409, 'LISTING_ARCHIVED'])
  })
})

describe('partner logo and venue photos', () => {
  it('sets and replaces the logo; the old file is removed', async () => {
    const { partner, user } = await newPartner()
    const first = await upload('/api/partners/my/logo', user, [{ filename: 'logo.webp', bytes: webp(), contentType: 'image/webp' }])
    expect(first.statusCode).toBe(200)
    const url = first.json().logo_url as string
    expect(url).toMatch(/^\/uploads\/logos\/[0-9a-f-]{36}\.webp$/)
    const second = await upload('/api/partners/my/logo', user, [{ filename: 'logo.jpg', bytes: jpeg() }])
    expect(second.json().logo_url).toMatch(/^\/uploads\/logos\/[0-9a-f-]{36}\.jpg$/)
    expect((await db.select().from(partners).where(eq(partners.id, partner.id)))[0]!.logo_url).toBe(second.json().logo_url)
    expect((await ctx.app.inject(url)).statusCode).toBe(404)
    expect((await db.select().from(media).where(eq(media.partner_id, partner.id))).filter((m) => m.kind === 'partner_logo')).toHaveLength(1)
    const bad = await upload('/api/partners/my/logo', user, [{ filename: 'logo.png', bytes: Buffer.from('GIF89a not allowed') }])
    expect(bad.json().code).toBe('UNSUPPORTED_IMAGE_TYPE')
    expect((await upload('/api/partners/my/logo', user, [pngPart(), pngPart()])).statusCode).toBe(422)
  })

  it('adds, lists and removes photos of my venue; another partner’s venue is 404', async () => {
    const { partner, user } = await newPartner()
    const venue = await createVenue(db, partner.id)
    const added = await upload(`/api/partners/venues/${venue.id}/photos`, user, [pngPart(), { filename: 'x.jpg', bytes: jpeg() }])
    expect(added.statusCode).toBe(201)
    const items = added.json().items as { id: string; url: string }[]
    expect(items.map((m) => m.url)).toEqual([expect.stringMatching(/^\/uploads\/venues\/.+\.png$/), expect.stringMatching(/^\/uploads\/venues\/.+\.jpg$/)])
    expect((await call('GET', `/api/partners/venues/${venue.id}/photos`, user)).json().items).toEqual(items)

    const intruder = await newPartner()
    expect((await upload(`/api/partners/venues/${venue.id}/photos`, intruder.user, [pngPart()])).json().code).toBe('VENUE_NOT_FOUND')
    expect((await call('GET', `/api/partners/venues/${venue.id}/photos`, intruder.user)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/partners/venues/${venue.id}/photos/${items[0]!.id}`, intruder.user)).statusCode).toBe(404)

    expect((await call('DELETE', `/api/partners/venues/${venue.id}/photos/${items[0]!.id}`, user)).statusCode).toBe(204)
    expect((await call('GET', `/api/partners/venues/${venue.id}/photos`, user)).json().items.map((m: { id: string; position: number }) => [m.id, m.position])).toEqual([[items[1]!.id, 0]])
  })
})

describe('serving /uploads', () => {
  it('serves files only: no directory listing, no escaping the uploads directory', async () => {
    const { listing, user } = await newPartner()
    const stored = (await upload(`/api/partners/listings/${listing.id}/media`, user, [pngPart()])).json().items[0].url as string
    const name = stored.split('/').pop()!
    for (const url of ['/uploads/', '/uploads/listings/', '/uploads/listings', '/uploads/../package.json', '/uploads/..%2fpackage.json', '/uploads/%2e%2e/package.json']) {
      const res = await ctx.app.inject(url)
      expect([403, 404], url).toContain(res.statusCode)
      expect(res.body, url).not.toContain(name)
      expect(res.body, url).not.toContain('rrray-backend')
    }
  })
})

describe.runIf(usingPostgres())('concurrent uploads (PostgreSQL, a listening server)', () => {
  it('never lets a listing pass 10 images, and the refused uploads leave no file behind', async () => {
    const { listing, user } = await newPartner()
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const auth = await authHeader(user, ctx.clock)
    const filesBefore = (await readdir(join(uploadsDir, 'listings'))).length
    const statuses = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const body = multipart([pngPart(), pngPart()])
        const res = await fetch(`${address}/api/partners/listings/${listing.id}/media`, { method: 'POST', body: body.payload, headers: { ...body.headers, ...auth } })
        await res.arrayBuffer()
        return res.status
      }),
    )
    expect(statuses.filter((s) => s === 201)).toHaveLength(5)
    expect(statuses.filter((s) => s === 409)).toHaveLength(1)
    expect(await imagesOf(listing.id)).toHaveLength(10)
    expect((await readdir(join(uploadsDir, 'listings'))).length).toBe(filesBefore + 10)
  })
})
