import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createUser, giveCredits } from '../../../test/factories.js'
import { creditLedger } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }
interface Entry {
  id: string
  entry_type: string
  delta: number
  balance_after: number
  reason: string
  expires_at: string | null
}

async function call(method: 'GET' | 'POST', url: string, user?: Caller, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

const at = (iso: string) => new Date(iso)
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS)
const ENTRY_KEYS = ['balance_after', 'booking_id', 'created_at', 'delta', 'entry_type', 'expires_at', 'id', 'plan_id', 'purchase_id', 'reason']

async function wallet(user: Caller) {
  const res = await call('GET', '/api/wallet', user)
  expect(res.statusCode).toBe(200)
  return res.json()
}

async function ledger(user: Caller, query = '') {
  const res = await call('GET', `/api/credit-ledger?page_size=100${query}`, user)
  expect(res.statusCode).toBe(200)
  return res.json() as { items: Entry[]; total: number; page: number; page_size: number }
}

describe('wallet routes: who may call them', () => {
  it.each(['/api/wallet', '/api/credit-ledger'])('GET %s answers 401 without a token and 403 to partners and admins', async (url) => {
    expect((await call('GET', url)).statusCode).toBe(401)
    for (const user of [await createUser(db, { role: 'partner' }), admin]) {
      const res = await call('GET', url, user)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('ROLE_FORBIDDEN')
    }
  })
})

describe('GET /api/wallet', () => {
  it('is empty for a new parent', async () => {
    const customer = await createUser(db)
    const body = await wallet(customer)
    expect(body).toEqual({ balance: 0, expiring_soon: [], active_plan: null, updated_at: null })
    expect(await ledger(customer)).toEqual({ items: [], total: 0, page: 1, page_size: 100 })
  })

  it('shows the balance, credits expiring within 30 days by date, and the latest unexpired plan', async () => {
    const customer = await createUser(db)
    const now = at('2026-04-01T06:00:00.000Z')
    ctx.clock.set(now)
    const soon = daysAfter(now, 10)
    await giveCredits(db, customer.id, 4, soon, { now: daysAfter(now, -20) })
    await giveCredits(db, customer.id, 3, soon, { now: daysAfter(now, -10), trial: true })
    await giveCredits(db, customer.id, 2, daysAfter(now, 25), { now: daysAfter(now, -5) })
    const latest = await giveCredits(db, customer.id, 8, daysAfter(now, 45), { now: daysAfter(now, -1) })

    const body = await wallet(customer)
    expect(Object.keys(body).sort()).toEqual(['active_plan', 'balance', 'expiring_soon', 'updated_at'])
    expect(body.balance).toBe(17)
    expect(body.expiring_soon).toEqual([
      { credits: 7, expires_at: soon.toISOString() },
      { credits: 2, expires_at: daysAfter(now, 25).toISOString() },
    ])
    expect(body.active_plan).toEqual({
      purchase_id: latest.purchase_id,
      plan_id: latest.plan_id,
      name: expect.any(String),
      credits: 8,
      bonus_credits: 0,
      is_trial: false,
      purchased_at: daysAfter(now, -1).toISOString(),
      expires_at: daysAfter(now, 45).toISOString(),
    })
    expect(body.updated_at).toBe(daysAfter(now, -1).toISOString())
  })

  it('writes off expired credits once, however often it is read, and stops showing an expired plan', async () => {
    const customer = await createUser(db)
    const start = at('2026-05-01T06:00:00.000Z')
    ctx.clock.set(start)
    const early = await giveCredits(db, customer.id, 10, daysAfter(start, 5), { now: start })
    await giveCredits(db, customer.id, 4, daysAfter(start, 40), { now: daysAfter(start, -1) })
    expect((await wallet(customer)).balance).toBe(14)
    expect((await wallet(customer)).active_plan.purchase_id).toBe(early.purchase_id)

    ctx.clock.set(daysAfter(start, 6))
    const first = await wallet(customer)
    expect(first.balance).toBe(4)
    expect(first.active_plan.purchase_id).not.toBe(early.purchase_id)
    expect(first.updated_at).toBe(daysAfter(start, 6).toISOString())
    expect((await wallet(customer)).balance).toBe(4)
    const entries = (await ledger(customer)).items
    expect(entries[0]).toMatchObject({ entry_type: 'expire', delta: -10, balance_after: 4, expires_at: daysAfter(start, 5).toISOString() })
    expect(entries.filter((e) => e.entry_type === 'expire')).toHaveLength(1)
    const rows = await db.select().from(creditLedger).where(and(eq(creditLedger.user_id, customer.id), eq(creditLedger.entry_type, 'expire')))
    expect(rows).toHaveLength(1)

    ctx.clock.set(daysAfter(start, 41))
    expect(await wallet(customer)).toMatchObject({ balance: 0, expiring_soon: [], active_plan: null })
  })

  it('counts credits expiring at exactly the window’s end and not past it', async () => {
    const customer = await createUser(db)
    const now = at('2026-06-01T06:00:00.000Z')
    ctx.clock.set(now)
    await giveCredits(db, customer.id, 5, daysAfter(now, 30), { now })
    await giveCredits(db, customer.id, 6, new Date(daysAfter(now, 30).getTime() + 1000), { now })
    expect((await wallet(customer)).expiring_soon).toEqual([{ credits: 5, expires_at: daysAfter(now, 30).toISOString() }])
  })
})

describe('GET /api/credit-ledger', () => {
  it('lists my entries newest first, pages, filters by type and shows only the ledger fields', async () => {
    const customer = await createUser(db)
    ctx.clock.set('2026-07-01T06:00:00.000Z')
    await giveCredits(db, customer.id, 10, daysAfter(ctx.clock.now(), 30), { now: ctx.clock.now() })
    for (const delta of [1, 2, 3, -4]) {
      const res = await call('POST', `/api/admin/users/${customer.id}/credits/adjust`, admin, { delta, reason: `Adjust ${delta}` })
      expect(res.statusCode).toBe(201)
    }
    const all = await ledger(customer)
    expect(all.total).toBe(5)
    expect(all.items.map((e) => [e.entry_type, e.delta, e.balance_after])).toEqual([
      ['adjust', -4, 12],
      ['adjust', 3, 16],
      ['adjust', 2, 13],
      ['adjust', 1, 11],
      ['grant', 10, 10],
    ])
    for (const item of all.items) expect(Object.keys(item).sort()).toEqual(ENTRY_KEYS)

    const page = (await call('GET', '/api/credit-ledger?page=2&page_size=2', customer)).json()
    expect(page).toMatchObject({ total: 5, page: 2, page_size: 2 })
    expect(page.items.map((e: Entry) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id))
    expect((await call('GET', '/api/credit-ledger?page=4&page_size=2', customer)).json().items).toEqual([])

    const grants = await ledger(customer, '&entry_type=grant')
    expect(grants.total).toBe(1)
    expect(grants.items[0]).toMatchObject({ entry_type: 'grant', delta: 10 })
    expect((await call('GET', '/api/credit-ledger?entry_type=gift', customer)).statusCode).toBe(422)
    expect((await call('GET', '/api/credit-ledger?page=0', customer)).statusCode).toBe(422)
  })

  it('writes off expired credits before listing', async () => {
    const customer = await createUser(db)
    const start = at('2026-08-01T06:00:00.000Z')
    ctx.clock.set(start)
    await giveCredits(db, customer.id, 3, daysAfter(start, 2), { now: start })
    ctx.clock.set(daysAfter(start, 3))
    const entries = (await ledger(customer)).items
    expect(entries.map((e) => [e.entry_type, e.balance_after])).toEqual([['expire', 0], ['grant', 3]])
  })

  it('never shows another parent’s credits', async () => {
    const mine = await createUser(db)
    const theirs = await createUser(db)
    ctx.clock.set('2026-09-01T06:00:00.000Z')
    const theirGrant = await giveCredits(db, theirs.id, 7, daysAfter(ctx.clock.now(), 20), { now: ctx.clock.now() })
    expect(await wallet(mine)).toMatchObject({ balance: 0, expiring_soon: [], active_plan: null })
    const body = (await call('GET', '/api/credit-ledger?page_size=100', mine)).body
    expect(body).not.toContain(theirGrant.id)
    expect((await ledger(mine)).total).toBe(0)
    // the only route that takes a user id is an admin's
    expect((await call('GET', `/api/admin/users/${theirs.id}/credit-ledger`, mine)).statusCode).toBe(403)
  })
})
