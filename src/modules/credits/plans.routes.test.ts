import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createUser, giveCredits } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { DAY_MS } from '../../shared/clock.js'
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

const PUBLIC_KEYS = ['bonus_credits', 'credits', 'description', 'id', 'is_trial', 'name', 'price', 'validity_days']
const ADMIN_KEYS = [...PUBLIC_KEYS, 'active', 'created_at', 'sort_order', 'updated_at'].sort()

async function createPlan(overrides: object = {}) {
  const res = await call('POST', '/api/admin/credit-plans', admin, { name: `Plan ${randomUUID().slice(0, 6)}`, credits: 10, price: 99_900, validity_days: 30, ...overrides })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string; name: string; active: boolean; price: number; credits: number; updated_at: string }
}

async function publicIds(): Promise<string[]> {
  const res = await call('GET', '/api/credit-plans?page_size=100')
  expect(res.statusCode).toBe(200)
  return (res.json().items as { id: string }[]).map((p) => p.id)
}

describe('admin credit plan routes: who may call them', () => {
  const id = randomUUID()
  const routes: [Method, string, object?][] = [
    ['GET', '/api/admin/credit-plans'],
    ['POST', '/api/admin/credit-plans', { name: 'X', credits: 1, price: 0, validity_days: 1 }],
    ['PUT', `/api/admin/credit-plans/${id}`, { price: 1 }],
    ['POST', `/api/admin/credit-plans/${id}/deactivate`],
    ['POST', `/api/admin/credit-plans/${id}/activate`],
  ]

  it.each(routes)('%s %s answers 401 without a token and 403 to customers and partners', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    for (const user of [await createUser(db), await createUser(db, { role: 'partner' })]) {
      const res = await call(method, url, user, payload)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('ROLE_FORBIDDEN')
    }
  })

  it('answers 404 to an unknown plan and 422 to a malformed id', async () => {
    for (const [method, url, payload] of routes.slice(2)) {
      const res = await call(method, url, admin, payload)
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('CREDIT_PLAN_NOT_FOUND')
      expect((await call(method, url.replace(id, 'not-a-uuid'), admin, payload)).statusCode).toBe(422)
    }
  })
})

describe('GET /api/credit-plans', () => {
  it('lists active plans only, by sort order, then price, with the public fields, to anyone', async () => {
    const a = await createPlan({ sort_order: 905, price: 500 })
    const b = await createPlan({ sort_order: 901, price: 900 })
    const c = await createPlan({ sort_order: 901, price: 100 })
    const hidden = await createPlan({ sort_order: 900, active: false })
    const ids = (await publicIds()).filter((id) => [a.id, b.id, c.id, hidden.id].includes(id))
    expect(ids).toEqual([c.id, b.id, a.id])

    const res = await call('GET', '/api/credit-plans?page_size=100', await createUser(db))
    expect(res.statusCode).toBe(200)
    for (const item of res.json().items as object[]) expect(Object.keys(item).sort()).toEqual(PUBLIC_KEYS)
  })

  it('pages', async () => {
    await createPlan()
    await createPlan()
    const all = (await call('GET', '/api/credit-plans?page_size=100')).json()
    expect(all.total).toBe(all.items.length)
    const page = await call('GET', '/api/credit-plans?page=2&page_size=1')
    expect(page.json()).toMatchObject({ total: all.total, page: 2, page_size: 1, items: [all.items[1]] })
    expect((await call('GET', '/api/credit-plans?page_size=101')).statusCode).toBe(422)
  })
})

describe('GET /api/admin/credit-plans', () => {
  it('lists inactive plans too, with the admin fields, and filters by active', async () => {
    const on = await createPlan()
    const off = await createPlan({ active: false })
    const ids = async (query: string) => {
      const res = await call('GET', `/api/admin/credit-plans?page_size=100${query}`, admin)
      expect(res.statusCode).toBe(200)
      for (const item of res.json().items as object[]) expect(Object.keys(item).sort()).toEqual(ADMIN_KEYS)
      return (res.json().items as { id: string }[]).map((p) => p.id)
    }
    expect(await ids('')).toEqual(expect.arrayContaining([on.id, off.id]))
    expect(await ids('&active=true')).toContain(on.id)
    expect(await ids('&active=true')).not.toContain(off.id)
    expect(await ids('&active=false')).toContain(off.id)
    expect(await ids('&active=false')).not.toContain(on.id)
    expect((await call('GET', '/api/admin/credit-plans?active=maybe', admin)).statusCode).toBe(422)
  })
})

describe('POST /api/admin/credit-plans', () => {
  it('creates an active plan with defaults and audits it in the same change', async () => {
    ctx.clock.set('2026-02-01T06:00:00.000Z')
    const res = await call('POST', '/api/admin/credit-plans', admin, { name: '  Monthly 10 ', credits: 10, price: 99_900, validity_days: 30, extra: 'ignored' })
    expect(res.statusCode).toBe(201)
    const plan = res.json()
    expect(Object.keys(plan).sort()).toEqual(ADMIN_KEYS)
    expect(plan).toMatchObject({
      name: 'Monthly 10', description: '', credits: 10, bonus_credits: 0, price: 99_900, validity_days: 30, is_trial: false, active: true, sort_order: 0,
      created_at: '2026-02-01T06:00:00.000Z', updated_at: '2026-02-01T06:00:00.000Z',
    })
    expect(await publicIds()).toContain(plan.id)
    const logs = await findAuditLogsForTarget(db, 'credit_plan', plan.id)
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ actor_id: admin.id, action: 'credit_plan.create', before: null, after: { id: plan.id, name: 'Monthly 10', credits: 10, price: 99_900, active: true } })
    expect(logs[0]!.created_at.toISOString()).toBe('2026-02-01T06:00:00.000Z')
  })

  it('takes every field', async () => {
    const body = { name: 'Trial', description: 'Try it', credits: 2, bonus_credits: 1, price: 0, validity_days: 7, is_trial: true, sort_order: -5, active: false }
    const res = await call('POST', '/api/admin/credit-plans', admin, body)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject(body)
  })

  it.each([
    ['negative credits', { credits: -1 }],
    ['zero credits', { credits: 0 }],
    ['too many credits', { credits: 100_001 }],
    ['fractional credits', { credits: 1.5 }],
    ['negative bonus', { bonus_credits: -1 }],
    ['negative price', { price: -100 }],
    ['no validity', { validity_days: 0 }],
    ['too long a validity', { validity_days: 3651 }],
    ['a blank name', { name: '   ' }],
    ['an empty name', { name: '' }],
    ['too long a name', { name: 'x'.repeat(101) }],
    ['too long a description', { description: 'x'.repeat(501) }],
    ['a string for a boolean', { is_trial: 'maybe' }],
  ])('answers 422 to %s and creates nothing', async (_what, change) => {
    const name = `Bad ${randomUUID()}`
    const res = await call('POST', '/api/admin/credit-plans', admin, { name, credits: 10, price: 100, validity_days: 30, ...change })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('VALIDATION_ERROR')
    const listed = (await call('GET', '/api/admin/credit-plans?page_size=100', admin)).json().items as { name: string }[]
    expect(listed.map((p) => p.name)).not.toContain(name)
  })

  it('answers 422 when a required field is missing', async () => {
    for (const field of ['name', 'credits', 'price', 'validity_days']) {
      const body: Record<string, unknown> = { name: 'N', credits: 1, price: 1, validity_days: 1 }
      delete body[field]
      expect((await call('POST', '/api/admin/credit-plans', admin, body)).statusCode).toBe(422)
    }
  })
})

describe('PUT /api/admin/credit-plans/{id}', () => {
  it('changes only what is sent, audits before and after, and leaves past purchases alone', async () => {
    const customer = await createUser(db)
    ctx.clock.set('2026-03-01T06:00:00.000Z')
    const grant = await giveCredits(db, customer.id, 10, new Date(ctx.clock.now().getTime() + 20 * DAY_MS), { now: ctx.clock.now() })
    const planId = grant.plan_id!
    ctx.clock.set('2026-03-02T06:00:00.000Z')
    const res = await call('PUT', `/api/admin/credit-plans/${planId}`, admin, { price: 49_900, credits: 5, name: 'Smaller' })
    expect(res.statusCode).toBe(200)
    expect(Object.keys(res.json()).sort()).toEqual(ADMIN_KEYS)
    expect(res.json()).toMatchObject({ id: planId, price: 49_900, credits: 5, name: 'Smaller', validity_days: 30, updated_at: '2026-03-02T06:00:00.000Z' })

    const [log] = await findAuditLogsForTarget(db, 'credit_plan', planId)
    expect(log).toMatchObject({ actor_id: admin.id, action: 'credit_plan.update', before: { credits: 10, price: 100_000 }, after: { name: 'Smaller', credits: 5, price: 49_900 } })

    const wallet = (await call('GET', '/api/wallet', customer)).json()
    expect(wallet.balance).toBe(10)
    expect(wallet.active_plan).toMatchObject({ plan_id: planId, credits: 10 })
    expect(wallet.active_plan.name).not.toBe('Smaller')
  })

  it('answers 422 to an empty change, to unknown fields only, and to bad values', async () => {
    const plan = await createPlan()
    for (const body of [{}, { colour: 'red' }, { credits: -1 }, { validity_days: 0 }, { name: ' ' }]) {
      const res = await call('PUT', `/api/admin/credit-plans/${plan.id}`, admin, body)
      expect(res.statusCode).toBe(422)
    }
    expect((await call('PUT', `/api/admin/credit-plans/${plan.id}`, admin, { colour: 'red' })).json().code).toBe('NO_CHANGES')
    expect(await findAuditLogsForTarget(db, 'credit_plan', plan.id)).toHaveLength(1)
  })
})

describe('POST /api/admin/credit-plans/{id}/deactivate and /activate', () => {
  it('takes a plan off sale and back, idempotently, with one audit row per change', async () => {
    const plan = await createPlan()
    const deactivate = () => call('POST', `/api/admin/credit-plans/${plan.id}/deactivate`, admin)
    const activate = () => call('POST', `/api/admin/credit-plans/${plan.id}/activate`, admin)
    const actions = async () => (await findAuditLogsForTarget(db, 'credit_plan', plan.id)).map((l) => l.action).sort()

    const off = await deactivate()
    expect(off.statusCode).toBe(200)
    expect(Object.keys(off.json()).sort()).toEqual(ADMIN_KEYS)
    expect(off.json().active).toBe(false)
    expect(await publicIds()).not.toContain(plan.id)
    const again = await deactivate()
    expect(again.statusCode).toBe(200)
    expect(again.json().active).toBe(false)
    expect(await actions()).toEqual(['credit_plan.create', 'credit_plan.deactivate'])
    const [log] = (await findAuditLogsForTarget(db, 'credit_plan', plan.id)).filter((l) => l.action === 'credit_plan.deactivate')
    expect(log).toMatchObject({ actor_id: admin.id, before: { active: true }, after: { active: false } })

    const on = await activate()
    expect(on.statusCode).toBe(200)
    expect(on.json().active).toBe(true)
    expect(await publicIds()).toContain(plan.id)
    expect((await activate()).statusCode).toBe(200)
    expect(await actions()).toEqual(['credit_plan.activate', 'credit_plan.create', 'credit_plan.deactivate'])
  })

  it('a deactivated plan cannot be bought', async () => {
    const plan = await createPlan()
    await call('POST', `/api/admin/credit-plans/${plan.id}/deactivate`, admin)
    const customer = await createUser(db)
    const headers = { ...(await authHeader(customer, ctx.clock)), 'idempotency-key': randomUUID() }
    const res = await ctx.app.inject({ method: 'POST', url: '/api/subscribe-plan', headers, payload: { plan_id: plan.id } })
    expect(res.statusCode).toBe(404)
  })
})

describe.runIf(usingPostgres())('parallel deactivations (PostgreSQL)', () => {
  it('five at once: all answer 200 inactive, one audit row', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const plan = await createPlan()
    const deactivate = async () => fetch(`${base}/api/admin/credit-plans/${plan.id}/deactivate`, { method: 'POST', headers: await authHeader(admin, ctx.clock) })
    const answers = await Promise.all(Array.from({ length: 5 }, deactivate))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    for (const a of answers) expect(((await a.json()) as { active: boolean }).active).toBe(false)
    expect((await findAuditLogsForTarget(db, 'credit_plan', plan.id)).map((l) => l.action).sort()).toEqual(['credit_plan.create', 'credit_plan.deactivate'])
  })
})
