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

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
interface Entry {
  id: string
  entry_type: string
  delta: number
  balance_after: number
  actor_id: string | null
}

async function call(method: 'GET' | 'POST', url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const adjust = (userId: string, payload: object) => call('POST', `/api/admin/users/${userId}/credits/adjust`, admin, payload)
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS)
const ENTRY_KEYS = ['actor_id', 'balance_after', 'booking_id', 'created_at', 'delta', 'entry_type', 'expires_at', 'id', 'plan_id', 'purchase_id', 'reason']

async function adminLedger(userId: string) {
  const res = await call('GET', `/api/admin/users/${userId}/credit-ledger?page_size=100`, admin)
  expect(res.statusCode).toBe(200)
  return res.json() as { items: Entry[]; total: number }
}

describe('admin credit routes: who may call them', () => {
  it.each([
    ['POST', 'credits/adjust', { delta: 1, reason: 'x' }],
    ['GET', 'credit-ledger', undefined],
  ] as const)('%s …/%s answers 401 without a token and 403 to customers and partners, even for their own id', async (method, path, payload) => {
    const customer = await createUser(db)
    const url = `/api/admin/users/${customer.id}/${path}`
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    for (const user of [customer, await createUser(db), await createUser(db, { role: 'partner' })]) {
      const res = await call(method, url, user, payload)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('ROLE_FORBIDDEN')
    }
    expect((await adminLedger(customer.id)).total).toBe(0)
  })

  it('answers 404 USER_NOT_FOUND to an unknown user and 422 to a malformed id', async () => {
    for (const res of [await adjust(randomUUID(), { delta: 5, reason: 'Goodwill' }), await call('GET', `/api/admin/users/${randomUUID()}/credit-ledger`, admin)]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('USER_NOT_FOUND')
    }
    expect((await adjust('nope', { delta: 5, reason: 'Goodwill' })).statusCode).toBe(422)
    expect((await call('GET', '/api/admin/users/nope/credit-ledger', admin)).statusCode).toBe(422)
  })
})

describe('POST /api/admin/users/{id}/credits/adjust', () => {
  it('adds credits expiring after validity_days (90 by default), writes the entry and audits it', async () => {
    const customer = await createUser(db)
    const now = new Date('2026-04-01T06:00:00.000Z')
    ctx.clock.set(now)
    const res = await adjust(customer.id, { delta: 5, reason: '  Sorry for the rained-out class ', extra: 'dropped' })
    expect(res.statusCode).toBe(201)
    expect(Object.keys(res.json()).sort()).toEqual(['balance', 'entry'])
    const { entry, balance } = res.json()
    expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS)
    expect(entry).toMatchObject({
      entry_type: 'adjust', delta: 5, balance_after: 5, reason: 'Sorry for the rained-out class', actor_id: admin.id,
      booking_id: null, plan_id: null, purchase_id: null, expires_at: daysAfter(now, 90).toISOString(), created_at: now.toISOString(),
    })
    expect(balance).toBe(5)

    const logs = await findAuditLogsForTarget(db, 'user', customer.id)
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({
      actor_id: admin.id,
      action: 'credits.adjust',
      before: { balance: 0 },
      after: { balance: 5, delta: 5, entry_id: entry.id, reason: 'Sorry for the rained-out class' },
    })
    expect(logs[0]!.created_at.toISOString()).toBe(now.toISOString())

    const wallet = (await call('GET', '/api/wallet', customer)).json()
    expect(wallet).toMatchObject({ balance: 5, active_plan: null, expiring_soon: [] })
    const mine = (await call('GET', '/api/credit-ledger', customer)).json()
    expect(mine.items[0]).toMatchObject({ id: entry.id, entry_type: 'adjust', reason: 'Sorry for the rained-out class' })
    expect(mine.items[0]).not.toHaveProperty('actor_id')

    const custom = (await adjust(customer.id, { delta: 2, reason: 'Birthday', validity_days: 7 })).json()
    expect(custom.entry.expires_at).toBe(daysAfter(now, 7).toISOString())
    expect(custom.balance).toBe(7)
  })

  it('takes credits, the soonest-expiring first, down to zero but never below (409, nothing written)', async () => {
    const customer = await createUser(db)
    const now = new Date('2026-05-01T06:00:00.000Z')
    ctx.clock.set(now)
    await giveCredits(db, customer.id, 6, daysAfter(now, 10), { now })
    await giveCredits(db, customer.id, 4, daysAfter(now, 50), { now })

    const down = await adjust(customer.id, { delta: -7, reason: 'Duplicate grant' })
    expect(down.statusCode).toBe(201)
    expect(down.json()).toMatchObject({ balance: 3, entry: { entry_type: 'adjust', delta: -7, balance_after: 3, expires_at: null, actor_id: admin.id } })
    // the 6 expiring first went, then 1 of the 4: 3 remain, expiring in 50 days
    expect((await call('GET', '/api/wallet', customer)).json().expiring_soon).toEqual([])
    const [log] = await findAuditLogsForTarget(db, 'user', customer.id)
    expect(log).toMatchObject({ action: 'credits.adjust', before: { balance: 10 }, after: { balance: 3, delta: -7 } })

    const before = await adminLedger(customer.id)
    const refused = await adjust(customer.id, { delta: -4, reason: 'Too much' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('INSUFFICIENT_CREDITS')
    expect(await adminLedger(customer.id)).toEqual(before)
    expect(await findAuditLogsForTarget(db, 'user', customer.id)).toHaveLength(1)

    expect((await adjust(customer.id, { delta: -3, reason: 'Close the account' })).json()).toMatchObject({ balance: 0 })
  })

  it('does not take credits that have expired', async () => {
    const customer = await createUser(db)
    const start = new Date('2026-06-01T06:00:00.000Z')
    ctx.clock.set(start)
    await giveCredits(db, customer.id, 5, daysAfter(start, 1), { now: start })
    ctx.clock.set(daysAfter(start, 2))
    const refused = await adjust(customer.id, { delta: -1, reason: 'Expired already' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('INSUFFICIENT_CREDITS')
    const added = await adjust(customer.id, { delta: 2, reason: 'Goodwill' })
    expect(added.json()).toMatchObject({ balance: 2, entry: { balance_after: 2 } })
    expect((await adminLedger(customer.id)).items.map((e) => [e.entry_type, e.delta])).toEqual([['adjust', 2], ['expire', -5], ['grant', 5]])
  })

  it.each([
    ['delta 0', { delta: 0, reason: 'Nothing' }, 'ZERO_DELTA'],
    ['a blank reason', { delta: 1, reason: '   ' }, 'VALIDATION_ERROR'],
    ['an empty reason', { delta: 1, reason: '' }, 'VALIDATION_ERROR'],
    ['no reason', { delta: 1 }, 'VALIDATION_ERROR'],
    ['too long a reason', { delta: 1, reason: 'x'.repeat(501) }, 'VALIDATION_ERROR'],
    ['no delta', { reason: 'Why' }, 'VALIDATION_ERROR'],
    ['a fractional delta', { delta: 1.5, reason: 'Why' }, 'VALIDATION_ERROR'],
    ['too large a delta', { delta: 100_001, reason: 'Why' }, 'VALIDATION_ERROR'],
    ['too small a delta', { delta: -100_001, reason: 'Why' }, 'VALIDATION_ERROR'],
    ['validity_days 0', { delta: 1, reason: 'Why', validity_days: 0 }, 'VALIDATION_ERROR'],
    ['validity_days past 10 years', { delta: 1, reason: 'Why', validity_days: 3651 }, 'VALIDATION_ERROR'],
  ])('answers 422 to %s and writes nothing', async (_what, payload, code) => {
    const customer = await createUser(db)
    const res = await adjust(customer.id, payload)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe(code)
    expect((await adminLedger(customer.id)).total).toBe(0)
    expect(await findAuditLogsForTarget(db, 'user', customer.id)).toEqual([])
  })
})

describe('GET /api/admin/users/{id}/credit-ledger', () => {
  it('shows any user’s entries newest first with the admin behind each adjustment, after writing off expired credits', async () => {
    const customer = await createUser(db)
    const start = new Date('2026-07-01T06:00:00.000Z')
    ctx.clock.set(start)
    await giveCredits(db, customer.id, 4, daysAfter(start, 3), { now: start })
    await adjust(customer.id, { delta: 2, reason: 'Goodwill', validity_days: 30 })
    ctx.clock.set(daysAfter(start, 4))

    const { items, total } = await adminLedger(customer.id)
    expect(total).toBe(3)
    expect(items.map((e) => [e.entry_type, e.delta, e.balance_after, e.actor_id])).toEqual([
      ['expire', -4, 2, null],
      ['adjust', 2, 6, admin.id],
      ['grant', 4, 4, null],
    ])
    for (const item of items) expect(Object.keys(item).sort()).toEqual(ENTRY_KEYS)
    expect((await adminLedger(customer.id)).total).toBe(3)

    const adjusts = (await call('GET', `/api/admin/users/${customer.id}/credit-ledger?entry_type=adjust`, admin)).json()
    expect(adjusts).toMatchObject({ total: 1, items: [{ entry_type: 'adjust' }] })
    const page = (await call('GET', `/api/admin/users/${customer.id}/credit-ledger?page=2&page_size=2`, admin)).json()
    expect(page).toMatchObject({ total: 3, page: 2, page_size: 2 })
    expect(page.items.map((e: Entry) => e.entry_type)).toEqual(['grant'])
  })
})

describe.runIf(usingPostgres())('parallel adjustments and reads (PostgreSQL)', () => {
  it('ten admins taking 3 credits each from 10 at once: three succeed, the rest get 409, the wallet ends at 1', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const customer = await createUser(db)
    const now = new Date('2026-08-01T06:00:00.000Z')
    ctx.clock.set(now)
    await giveCredits(db, customer.id, 10, daysAfter(now, 30), { now: daysAfter(now, -1) })
    await giveCredits(db, customer.id, 5, daysAfter(now, -1), { now: daysAfter(now, -2) })
    const post = async () =>
      fetch(`${base}/api/admin/users/${customer.id}/credits/adjust`, {
        method: 'POST',
        headers: { ...(await authHeader(admin, ctx.clock)), 'content-type': 'application/json' },
        body: JSON.stringify({ delta: -3, reason: 'Parallel' }),
      })
    const read = async () => fetch(`${base}/api/admin/users/${customer.id}/credit-ledger`, { headers: await authHeader(admin, ctx.clock) })
    const answers = await Promise.all([...Array.from({ length: 10 }, post), ...Array.from({ length: 5 }, read)])
    expect(answers.slice(0, 10).map((a) => a.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409])
    expect(answers.slice(10).map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    const { items } = await adminLedger(customer.id)
    expect(items.filter((e) => e.entry_type === 'expire')).toHaveLength(1)
    expect(items[0]!.balance_after).toBe(1)
    expect(await findAuditLogsForTarget(db, 'user', customer.id)).toHaveLength(3)
  })
})
