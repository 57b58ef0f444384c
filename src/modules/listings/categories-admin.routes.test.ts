import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createUser } from '../../../test/factories.js'
import { findAuditLogsForTarget } from '../audit/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

type Method = 'GET' | 'POST' | 'PUT'
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

async function call(method: Method, url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const uniqueSlug = () => `cat-${randomUUID().slice(0, 8)}`

async function createCategory(overrides: object = {}) {
  const slug = uniqueSlug()
  const res = await call('POST', '/api/admin/categories', admin, { name: `Category ${slug}`, slug, ...overrides })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string; slug: string; name: string; active: boolean; icon: string | null; sort_order: number }
}

const publicSlugs = async () => ((await call('GET', '/api/categories')).json() as { slug: string }[]).map((c) => c.slug)

describe('admin category routes', () => {
  it('refuses callers who are not admins', async () => {
    const customer = await createUser(db, { role: 'customer' })
    expect((await call('GET', '/api/admin/categories')).statusCode).toBe(401)
    expect((await call('GET', '/api/admin/categories', customer)).statusCode).toBe(403)
    expect((await call('POST', '/api/admin/categories', customer, { name: 'X', slug: 'x' })).statusCode).toBe(403)
  })

  it('creates a category the public list shows, and audits it', async () => {
    const created = await createCategory({ icon: 'waves', sort_order: 5, description: '  Learn to swim ' })
    expect(created).toMatchObject({ icon: 'waves', sort_order: 5, active: true, description: 'Learn to swim' })
    expect(await publicSlugs()).toContain(created.slug)
    const [audit] = await findAuditLogsForTarget(db, 'category', created.id)
    expect(audit).toMatchObject({ actor_id: admin.id, action: 'category.create', before: null, after: { slug: created.slug, active: true } })
  })

  it('lists every category, inactive ones included, paginated and filtered by active', async () => {
    const inactive = await createCategory({ active: false })
    const all = await call('GET', '/api/admin/categories?page_size=100', admin)
    expect(all.statusCode).toBe(200)
    expect(all.json()).toMatchObject({ page: 1, page_size: 100 })
    expect((all.json().items as { id: string }[]).map((c) => c.id)).toContain(inactive.id)
    const activeOnly = await call('GET', '/api/admin/categories?active=true&page_size=100', admin)
    expect((activeOnly.json().items as { id: string }[]).map((c) => c.id)).not.toContain(inactive.id)
    const firstPage = await call('GET', '/api/admin/categories?page_size=1', admin)
    expect(firstPage.json().items).toHaveLength(1)
    expect(firstPage.json().total).toBeGreaterThanOrEqual(2)
    expect(await publicSlugs()).not.toContain(inactive.slug)
  })

  it('answers 409 to a duplicate slug, on create and on update', async () => {
    const taken = await createCategory()
    const other = await createCategory()
    const dup = await call('POST', '/api/admin/categories', admin, { name: 'Again', slug: taken.slug })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().code).toBe('CATEGORY_SLUG_TAKEN')
    const moved = await call('PUT', `/api/admin/categories/${other.id}`, admin, { slug: taken.slug })
    expect(moved.statusCode).toBe(409)
    expect(moved.json().code).toBe('CATEGORY_SLUG_TAKEN')
  })

  it('answers 422 to a bad slug, an empty name or an empty change', async () => {
    for (const body of [{ name: 'Swim', slug: 'Swimming' }, { name: 'Swim', slug: 'swim ming' }, { name: 'Swim', slug: '-swim' }, { name: '  ', slug: uniqueSlug() }, { name: '', slug: uniqueSlug() }]) {
      expect((await call('POST', '/api/admin/categories', admin, body)).statusCode, JSON.stringify(body)).toBe(422)
    }
    const category = await createCategory()
    expect((await call('PUT', `/api/admin/categories/${category.id}`, admin, { slug: 'Bad_Slug' })).statusCode).toBe(422)
    expect((await call('PUT', `/api/admin/categories/${category.id}`, admin, {})).statusCode).toBe(422)
    expect((await call('PUT', '/api/admin/categories/not-a-uuid', admin, { name: 'X' })).statusCode).toBe(422)
  })

  it('answers 404 to an unknown id', async () => {
    const id = randomUUID()
    expect((await call('PUT', `/api/admin/categories/${id}`, admin, { name: 'X' })).statusCode).toBe(404)
    expect((await call('POST', `/api/admin/categories/${id}/deactivate`, admin)).statusCode).toBe(404)
    expect((await call('POST', `/api/admin/categories/${id}/activate`, admin)).statusCode).toBe(404)
  })

  it('changes only the fields sent, and audits before and after', async () => {
    const category = await createCategory({ icon: 'waves' })
    const res = await call('PUT', `/api/admin/categories/${category.id}`, admin, { name: 'Swimming & Diving', sort_order: 2 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Swimming & Diving', sort_order: 2, icon: 'waves', slug: category.slug })
    const logs = await findAuditLogsForTarget(db, 'category', category.id)
    const update = logs.find((l) => l.action === 'category.update')
    expect(update).toMatchObject({ before: { name: category.name, sort_order: 0 }, after: { name: 'Swimming & Diving', sort_order: 2 } })
  })

  it('deactivates a category in use: hidden publicly, refused for new listings, its listings still readable; then activates it', async () => {
    const category = await createCategory()
    const listing = await createListing(db, { category_id: category.id })
    const off = await call('POST', `/api/admin/categories/${category.id}/deactivate`, admin)
    expect(off.statusCode).toBe(200)
    expect(off.json().active).toBe(false)
    expect((await call('POST', `/api/admin/categories/${category.id}/deactivate`, admin)).statusCode).toBe(200)

    expect(await publicSlugs()).not.toContain(category.slug)
    const detail = await call('GET', `/api/listings/${listing.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().category).toMatchObject({ id: category.id })

    const partner = await createPartner(db)
    const owner = { id: partner.user_id, role: 'partner' as const }
    const listingBody = { title: 'Swim class', category: category.slug, is_online: true, type: 'class', age_min: 4, age_max: 8, price: 0 }
    const refused = await call('POST', '/api/partners/listings', owner, listingBody)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('UNKNOWN_CATEGORY')
    expect((await call('POST', '/api/partners/listings', owner, { ...listingBody, category: category.id })).json().code).toBe('UNKNOWN_CATEGORY')

    const on = await call('POST', `/api/admin/categories/${category.id}/activate`, admin)
    expect(on.json().active).toBe(true)
    expect(await publicSlugs()).toContain(category.slug)
    expect((await call('POST', '/api/partners/listings', owner, listingBody)).statusCode).toBe(201)

    const actions = (await findAuditLogsForTarget(db, 'category', category.id)).map((l) => l.action).sort()
    // the second deactivate changed nothing, so it wrote no row
    expect(actions).toEqual(['category.activate', 'category.create', 'category.deactivate'])
  })
})
