import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createUser, giveCredits } from '../../../test/factories.js'
import { DAY_MS } from '../../shared/clock.js'
import { recordAudit } from './index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin', name: 'Asha Ops', email: `ops-${randomUUID().slice(0, 8)}@rrray.test` })
const ADMIN_IP = '203.0.113.7'

interface AuditRow {
  id: string
  actor: { id: string; name: string | null; email: string | null } | null
  action: string
  target: { type: string; id: string }
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  ip: string | null
  created_at: string
}

/** Each admin action a minute after the one before, so the trail's order is the order they happened in. */
async function act(method: 'POST' | 'PUT', url: string, payload?: object) {
  ctx.clock.advance(60_000)
  return call(method, url, payload)
}

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, user: { id: string; role: 'customer' | 'partner' | 'admin' } = admin) {
  const headers = await authHeader(user, ctx.clock)
  return ctx.app.inject({ method, url, headers, remoteAddress: ADMIN_IP, ...(payload ? { payload } : {}) })
}

async function auditLogs(query: string): Promise<{ items: AuditRow[]; total: number }> {
  const res = await call('GET', `/api/admin/audit-logs?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const trailOf = async (type: string, id: string) => (await auditLogs(`target_type=${type}&target_id=${encodeURIComponent(id)}&page_size=100`)).items

/** The one audit row the action wrote: by the admin, from their IP, with the change's before and after. */
async function expectAudited(type: string, id: string, action: string, before: object | null, after: object) {
  const rows = await trailOf(type, id)
  expect(rows.map((r) => r.action)).toEqual([action])
  expect(rows[0]).toMatchObject({ actor: { id: admin.id, name: 'Asha Ops', email: admin.email }, target: { type, id }, ip: ADMIN_IP })
  if (before === null) expect(rows[0]!.before).toBeNull()
  else expect(rows[0]!.before).toMatchObject(before)
  expect(rows[0]!.after).toMatchObject(after)
  expect(rows[0]!.created_at).toBe(ctx.clock.now().toISOString())
}

describe('every admin action writes its audit row (actor, IP, before/after); a refused one writes none', () => {
  it('listing moderation: approve and reject', async () => {
    const pending = await createListing(db, { status: 'pending_approval' })
    expect((await act('POST', `/api/admin/listings/${pending.id}/approve`)).statusCode).toBe(200)
    await expectAudited('listing', pending.id, 'listing.approve', { status: 'pending_approval' }, { status: 'approved' })
    // approving twice is 409: nothing changes, no second row
    expect((await act('POST', `/api/admin/listings/${pending.id}/approve`)).statusCode).toBe(409)
    expect(await trailOf('listing', pending.id)).toHaveLength(1)

    const other = await createListing(db, { status: 'pending_approval' })
    expect((await act('POST', `/api/admin/listings/${other.id}/reject`, { reason: 'x' })).statusCode).toBe(422)
    expect(await trailOf('listing', other.id)).toEqual([])
    expect((await act('POST', `/api/admin/listings/${other.id}/reject`, { reason: 'Photos missing' })).statusCode).toBe(200)
    await expectAudited('listing', other.id, 'listing.reject', { status: 'pending_approval' }, { status: 'rejected', rejection_reason: 'Photos missing' })
  })

  it('KYC review: verify and reject', async () => {
    const verified = await createPartner(db, { kyc_status: 'submitted' })
    expect((await act('POST', `/api/admin/partners/${verified.id}/kyc`, { decision: 'verify' })).statusCode).toBe(200)
    await expectAudited('partner', verified.id, 'partner.kyc_verify', { kyc_status: 'submitted' }, { kyc_status: 'verified' })

    const rejected = await createPartner(db, { kyc_status: 'submitted' })
    expect((await act('POST', `/api/admin/partners/${rejected.id}/kyc`, { decision: 'reject' })).statusCode).toBe(422)
    expect(await trailOf('partner', rejected.id)).toEqual([])
    expect((await act('POST', `/api/admin/partners/${rejected.id}/kyc`, { decision: 'reject', reason: 'PAN does not match' })).statusCode).toBe(200)
    await expectAudited('partner', rejected.id, 'partner.kyc_reject', { kyc_status: 'submitted' }, { kyc_status: 'rejected' })
  })

  it('credit plans: create, update, deactivate, activate', async () => {
    const created = await act('POST', '/api/admin/credit-plans', { name: 'Audit plan', credits: 10, price: 99_900, validity_days: 30 })
    expect(created.statusCode).toBe(201)
    const planId: string = created.json().id
    await expectAudited('credit_plan', planId, 'credit_plan.create', null, { name: 'Audit plan', credits: 10 })

    expect((await act('PUT', `/api/admin/credit-plans/${planId}`, { price: -1 })).statusCode).toBe(422)
    expect((await act('PUT', `/api/admin/credit-plans/${planId}`, { price: 89_900 })).statusCode).toBe(200)
    expect((await act('POST', `/api/admin/credit-plans/${planId}/deactivate`)).statusCode).toBe(200)
    expect((await act('POST', `/api/admin/credit-plans/${planId}/activate`)).statusCode).toBe(200)
    const rows = await trailOf('credit_plan', planId)
    expect(rows.map((r) => r.action)).toEqual(['credit_plan.activate', 'credit_plan.deactivate', 'credit_plan.update', 'credit_plan.create'])
    expect(rows[2]).toMatchObject({ before: { price: 99_900 }, after: { price: 89_900 }, ip: ADMIN_IP, actor: { id: admin.id } })
    expect(rows[1]).toMatchObject({ before: { active: true }, after: { active: false } })
  })

  it('credit adjustments', async () => {
    const customer = await createUser(db)
    await giveCredits(db, customer.id, 5, new Date(ctx.clock.now().getTime() + 30 * DAY_MS), { now: ctx.clock.now() })
    expect((await act('POST', `/api/admin/users/${customer.id}/credits/adjust`, { delta: -50, reason: 'Too many' })).statusCode).toBe(409)
    expect(await trailOf('user', customer.id)).toEqual([])
    expect((await act('POST', `/api/admin/users/${customer.id}/credits/adjust`, { delta: 3, reason: 'Goodwill' })).statusCode).toBe(201)
    await expectAudited('user', customer.id, 'credits.adjust', { balance: 5 }, { balance: 8, delta: 3, reason: 'Goodwill' })
  })

  it('categories: create, update, deactivate, activate', async () => {
    const taken = await createCategory(db)
    const slug = `audit-${randomUUID().slice(0, 8)}`
    expect((await act('POST', '/api/admin/categories', { name: 'Pottery', slug: taken.slug })).statusCode).toBe(409)
    const created = await act('POST', '/api/admin/categories', { name: 'Pottery', slug })
    expect(created.statusCode).toBe(201)
    const id: string = created.json().id
    await expectAudited('category', id, 'category.create', null, { name: 'Pottery', slug })
    expect((await act('PUT', `/api/admin/categories/${id}`, { slug: taken.slug })).statusCode).toBe(409)
    expect((await act('PUT', `/api/admin/categories/${id}`, { name: 'Pottery & Clay' })).statusCode).toBe(200)
    expect((await act('POST', `/api/admin/categories/${id}/deactivate`)).statusCode).toBe(200)
    expect((await act('POST', `/api/admin/categories/${id}/activate`)).statusCode).toBe(200)
    const rows = await trailOf('category', id)
    expect(rows.map((r) => r.action)).toEqual(['category.activate', 'category.deactivate', 'category.update', 'category.create'])
    expect(rows[2]).toMatchObject({ before: { name: 'Pottery' }, after: { name: 'Pottery & Clay' }, ip: ADMIN_IP })
  })
})

// rows of the list tests, written as the use cases write them
const base = Date.parse('2026-03-10T00:00:00.000Z')
const tag = randomUUID().slice(0, 8)
const other = await createUser(db, { role: 'admin', name: 'Ravi Ops' })
// 2026-03-10 23:30 IST is 18:00 UTC, still the 10th in India; 2026-03-11 00:10 IST is 18:40 UTC on the 10th
const rows = [
  { actor_id: admin.id, action: 'listing.approve', target_type: 'listing', target_id: `l-${tag}-1`, created_at: new Date(base + 18 * 3_600_000) },
  { actor_id: other.id, action: 'listing.reject', target_type: 'listing', target_id: `l-${tag}-2`, created_at: new Date(base + 18 * 3_600_000 + 40 * 60_000) },
  { actor_id: admin.id, action: 'category.create', target_type: 'category', target_id: `c-${tag}`, created_at: new Date(base + 2 * DAY_MS) },
  { actor_id: null, action: 'listing.approve', target_type: 'listing', target_id: `l-${tag}-3`, created_at: new Date(base + 3 * DAY_MS) },
]
for (const row of rows) await recordAudit(db, { ...row, before: { n: 1 }, after: { n: 2 }, ip: row.actor_id ? '198.51.100.1' : null })
const ours = (items: AuditRow[]) => items.filter((r) => r.target.id.includes(tag)).map((r) => r.target.id)

describe('GET /api/admin/audit-logs', () => {
  it('lists newest first with the actor’s name and email, and pages', async () => {
    const all = await auditLogs('from=2026-03-01&to=2026-03-31&page_size=100')
    expect(ours(all.items)).toEqual([`l-${tag}-3`, `c-${tag}`, `l-${tag}-2`, `l-${tag}-1`])
    const system = all.items.find((r) => r.target.id === `l-${tag}-3`)!
    expect(system).toMatchObject({ actor: null, ip: null, before: { n: 1 }, after: { n: 2 } })
    expect(all.items.find((r) => r.target.id === `l-${tag}-2`)!.actor).toEqual({ id: other.id, name: 'Ravi Ops', email: other.email })

    const first = await auditLogs(`actor_id=${admin.id}&from=2026-03-01&to=2026-03-31&page_size=1`)
    const second = await auditLogs(`actor_id=${admin.id}&from=2026-03-01&to=2026-03-31&page_size=1&page=2`)
    expect(first.total).toBe(2)
    expect([...ours(first.items), ...ours(second.items)]).toEqual([`c-${tag}`, `l-${tag}-1`])
  })

  it('filters by actor, action, target and India days', async () => {
    expect(ours((await auditLogs(`actor_id=${other.id}`)).items)).toEqual([`l-${tag}-2`])
    expect(ours((await auditLogs('action=listing.approve&from=2026-03-01&to=2026-03-31')).items)).toEqual([`l-${tag}-3`, `l-${tag}-1`])
    expect(ours((await auditLogs('target_type=category&from=2026-03-01&to=2026-03-31')).items)).toEqual([`c-${tag}`])
    expect(ours((await auditLogs(`target_type=listing&target_id=l-${tag}-2`)).items)).toEqual([`l-${tag}-2`])
    // 23:30 IST on the 10th is the 10th; 00:10 IST on the 11th is the 11th, though both are the 10th in UTC
    expect(ours((await auditLogs('from=2026-03-10&to=2026-03-10')).items)).toEqual([`l-${tag}-1`])
    expect(ours((await auditLogs('from=2026-03-11&to=2026-03-12')).items)).toEqual([`c-${tag}`, `l-${tag}-2`])
  })

  it('answers 422 to bad filters and 403 to non-admins', async () => {
    for (const query of ['from=2026-03-12&to=2026-03-11', 'actor_id=nope', 'action=DROP%20TABLE', 'target_id=a%00b', `target_id=${'x'.repeat(100_000)}`, 'from=2026-02-30', 'page_size=101']) {
      const res = await call('GET', `/api/admin/audit-logs?${query}`)
      expect(res.statusCode, query.slice(0, 60)).toBe(422)
    }
    expect((await call('GET', '/api/admin/audit-logs?from=2026-03-12&to=2026-03-11')).json().code).toBe('INVALID_DATE_RANGE')
    const partner = await createUser(db, { role: 'partner' })
    expect((await call('GET', '/api/admin/audit-logs', undefined, partner)).statusCode).toBe(403)
  })
})
