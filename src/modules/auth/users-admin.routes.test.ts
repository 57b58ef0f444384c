import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { usingPostgres } from '../../../test/test-database.js'
import { authHeader, createChild, createListing, createUser, giveCredits } from '../../../test/factories.js'
import { bookings } from '../../db/schema/index.js'
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'
import type { Role } from '../../shared/auth.js'
import { findAuditLogsForTarget } from '../audit/index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const admin = await createUser(db, { role: 'admin' })

type Caller = { id: string; role: Role }

async function call(method: 'GET' | 'POST', url: string, user: Caller = admin, payload?: object) {
  return ctx.app.inject({ method, url, headers: await authHeader(user, ctx.clock), ...(payload ? { payload } : {}) })
}

interface Summary {
  id: string
  status: string
  suspended_reason: string | null
  suspended_at: string | null
  last_login_at: string | null
}

async function listUsers(query: string): Promise<{ items: Summary[]; total: number }> {
  const res = await call('GET', `/api/admin/users?page_size=100&${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const ids = (page: { items: { id: string }[] }) => page.items.map((u) => u.id)
const suspend = (id: string, reason: unknown = 'Repeated chargebacks', by: Caller = admin) => call('POST', `/api/admin/users/${id}/suspend`, by, { reason })
const reactivate = (id: string, by: Caller = admin) => call('POST', `/api/admin/users/${id}/reactivate`, by)

describe('GET /api/admin/users', () => {
  it('searches name, email and phone (case-insensitive, a phone however it is typed) and never answers a secret', async () => {
    const tag = randomUUID().slice(0, 8)
    const byName = await createUser(db, { name: `Meera ${tag} Iyer`, password_hash: 'argon2id$secret', google_sub: `g-${tag}` })
    const byEmail = await createUser(db, { email: `kiran.${tag}@example.com` })
    const byPhone = await createUser(db, { phone: '+919812345678' })
    expect(ids(await listUsers(`q=${tag.toUpperCase()}`)).sort()).toEqual([byName.id, byEmail.id].sort())
    expect(ids(await listUsers('q=098123%2045678'))).toEqual([byPhone.id])
    expect(ids(await listUsers('q=98123'))).toEqual([byPhone.id])
    // LIKE wildcards are literal
    expect((await listUsers(`q=%25${tag}_`)).total).toBe(0)

    const [item] = (await listUsers(`q=Meera ${tag}`)).items
    expect(item).toMatchObject({ id: byName.id, has_password: true, google_linked: true, status: 'active', suspended_reason: null })
    const text = JSON.stringify(item)
    expect(text).not.toContain('argon2id')
    expect(text).not.toContain(`g-${tag}`)
    expect(Object.keys(item!)).not.toContain('password_hash')
  })

  it('filters by role, status and city, and by sign-up India days (23:30 IST belongs to that day)', async () => {
    const city = `Town${randomUUID().slice(0, 6)}`
    // 2026-03-10 23:30 IST = 18:00 UTC; 2026-03-11 00:15 IST = 2026-03-10 18:45 UTC
    const lateOn10th = await createUser(db, { city, created_at: new Date('2026-03-10T18:00:00Z') })
    const earlyOn11th = await createUser(db, { city, role: 'partner', created_at: new Date('2026-03-10T18:45:00Z') })
    const suspended = await createUser(db, { city: city.toUpperCase(), status: 'suspended', created_at: new Date('2026-03-12T06:00:00Z') })
    expect((await listUsers(`city=${city.toLowerCase()}`)).total).toBe(3)
    expect(ids(await listUsers(`city=${city}&role=partner`))).toEqual([earlyOn11th.id])
    expect(ids(await listUsers(`city=${city}&status=suspended`))).toEqual([suspended.id])
    expect(ids(await listUsers(`city=${city}&signed_up_from=2026-03-10&signed_up_to=2026-03-10`))).toEqual([lateOn10th.id])
    expect(ids(await listUsers(`city=${city}&signed_up_from=2026-03-11`))).toEqual([suspended.id, earlyOn11th.id])
    // newest first by default; oldest and name on request
    expect(ids(await listUsers(`city=${city}`))).toEqual([suspended.id, earlyOn11th.id, lateOn10th.id])
    expect(ids(await listUsers(`city=${city}&sort=oldest`))).toEqual([lateOn10th.id, earlyOn11th.id, suspended.id])
  })

  it('sorts by latest sign-in, never-signed-in last', async () => {
    const city = `Town${randomUUID().slice(0, 6)}`
    const never = await createUser(db, { city })
    const older = await createUser(db, { city, last_login_at: new Date('2026-01-01T00:00:00Z') })
    const newer = await createUser(db, { city, last_login_at: new Date('2026-01-02T00:00:00Z') })
    expect(ids(await listUsers(`city=${city}&sort=last_login`))).toEqual([newer.id, older.id, never.id])
  })

  it('answers 422 to bad filters and pages, changing nothing', async () => {
    for (const query of [
      'role=superuser', 'status=banned', 'signed_up_from=2026-13-01', 'signed_up_from=yesterday', 'sort=random', 'page=0', 'page_size=1000',
      `q=${'x'.repeat(121)}`, 'q=%00', 'signed_up_from=2026-03-02&signed_up_to=2026-03-01',
    ]) {
      const res = await call('GET', `/api/admin/users?${query}`)
      expect(res.statusCode, query).toBe(422)
    }
    const res = await call('GET', '/api/admin/users?signed_up_from=2026-03-02&signed_up_to=2026-03-01')
    expect(res.json().code).toBe('INVALID_DATE_RANGE')
  })
})

describe('GET /api/admin/users/{id}', () => {
  it('answers the profile, children, latest bookings with their total, wallet balance and last sign-in', async () => {
    const now = ctx.clock.now()
    const user = await createUser(db, { city: 'Pune', last_login_at: now })
    const kid = await createChild(db, user.id, { name: 'Ira' })
    await giveCredits(db, user.id, 12, new Date(now.getTime() + 20 * DAY_MS), { now })
    await giveCredits(db, user.id, 5, new Date(now.getTime() - DAY_MS), { now: new Date(now.getTime() - 10 * DAY_MS) }) // expired: not usable
    const listing = await createListing(db, { title: 'Junior Chess Club' })
    for (let i = 0; i < 12; i++) {
      const at = new Date(now.getTime() - i * MINUTE_MS)
      await db.insert(bookings).values({
        user_id: user.id, listing_id: listing.id, partner_id: listing.partner_id, status: 'confirmed', payment_method: 'razorpay',
        amount: 1000 + i, confirmed_at: at, created_at: at,
      })
    }
    const res = await call('GET', `/api/admin/users/${user.id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ id: user.id, city: 'Pune', status: 'active', last_login_at: now.toISOString(), wallet: { balance: 12 } })
    expect(body.children).toEqual([expect.objectContaining({ id: kid.id, name: 'Ira' })])
    expect(body.bookings.total).toBe(12)
    expect(body.bookings.items).toHaveLength(10)
    expect(body.bookings.items[0]).toMatchObject({ listing_id: listing.id, listing_title: 'Junior Chess Club', amount: 1000, status: 'confirmed' })
    expect(body.bookings.items.map((b: { amount: number }) => b.amount)).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009])
  })

  it('shows the sign-in time that registering and each password login stamp', async () => {
    const email = `login-${randomUUID().slice(0, 8)}@example.com`
    const password = 'correct-horse-battery-9'
    const registered = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Lata', email, password } })
    expect(registered.statusCode).toBe(201)
    const userId = registered.json().user.id as string
    expect((await call('GET', `/api/admin/users/${userId}`)).json().last_login_at).toBe(ctx.clock.now().toISOString())
    ctx.clock.advance(5 * MINUTE_MS)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })).statusCode).toBe(200)
    expect((await call('GET', `/api/admin/users/${userId}`)).json().last_login_at).toBe(ctx.clock.now().toISOString())
  })

  it('answers 404 USER_NOT_FOUND to an unknown id and 422 to a malformed one', async () => {
    const missing = await call('GET', `/api/admin/users/${randomUUID()}`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('USER_NOT_FOUND')
    expect((await call('GET', '/api/admin/users/not-a-uuid')).statusCode).toBe(422)
  })
})

describe('POST /api/admin/users/{id}/suspend and /reactivate', () => {
  it('stops the user’s existing token at once, refuses sign-in, and reactivation restores both; each change audited', async () => {
    const email = `susp-${randomUUID().slice(0, 8)}@example.com`
    const password = 'correct-horse-battery-9'
    const registered = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'Sunil', email, password } })
    const token = { authorization: `Bearer ${registered.json().access_token as string}` }
    const userId = registered.json().user.id as string
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: token })
    expect((await me()).statusCode).toBe(200)

    const suspended = await suspend(userId, '  Repeated chargebacks  ')
    expect(suspended.statusCode).toBe(200)
    expect(suspended.json()).toMatchObject({ id: userId, status: 'suspended', suspended_reason: 'Repeated chargebacks', suspended_at: ctx.clock.now().toISOString() })
    const refused = await me()
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('ACCOUNT_SUSPENDED')
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })).json().code).toBe('ACCOUNT_SUSPENDED')
    expect((await call('GET', `/api/admin/users/${userId}`)).json()).toMatchObject({ status: 'suspended', suspended_reason: 'Repeated chargebacks' })

    const again = await suspend(userId)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('USER_ALREADY_SUSPENDED')

    const back = await reactivate(userId)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ status: 'active', suspended_reason: null, suspended_at: null })
    expect((await me()).statusCode).toBe(200)
    const twice = await reactivate(userId)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('USER_NOT_SUSPENDED')

    const audit = await findAuditLogsForTarget(db, 'user', userId)
    expect(audit.map((a) => a.action).sort()).toEqual(['user.reactivate', 'user.suspend'])
    expect(audit.find((a) => a.action === 'user.suspend')).toMatchObject({
      actor_id: admin.id,
      before: { status: 'active', suspended_reason: null },
      after: { status: 'suspended', suspended_reason: 'Repeated chargebacks' },
    })
  })

  it('refuses to suspend oneself (403 CANNOT_SUSPEND_SELF) or another admin (403 CANNOT_SUSPEND_ADMIN), changing nothing', async () => {
    const other = await createUser(db, { role: 'admin' })
    const self = await suspend(admin.id)
    expect(self.statusCode).toBe(403)
    expect(self.json().code).toBe('CANNOT_SUSPEND_SELF')
    const res = await suspend(other.id)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('CANNOT_SUSPEND_ADMIN')
    expect((await reactivate(other.id)).json().code).toBe('CANNOT_SUSPEND_ADMIN')
    expect((await call('GET', `/api/admin/users/${other.id}`)).json().status).toBe('active')
    expect(await findAuditLogsForTarget(db, 'user', other.id)).toEqual([])
  })

  it('answers 404 to an unknown user and 422 to a missing, blank, huge or NUL reason, changing nothing', async () => {
    expect((await suspend(randomUUID())).statusCode).toBe(404)
    expect((await reactivate(randomUUID())).statusCode).toBe(404)
    expect((await suspend('nope')).statusCode).toBe(422)
    const user = await createUser(db)
    for (const reason of [undefined, '', '   ', 'x'.repeat(100_000), 'bad\u0000reason']) {
      const res = await call('POST', `/api/admin/users/${user.id}/suspend`, admin, reason === undefined ? {} : { reason })
      expect(res.statusCode, String(reason).slice(0, 20)).toBe(422)
    }
    expect((await call('GET', `/api/admin/users/${user.id}`)).json().status).toBe('active')
    // emoji and Indian scripts are fine
    expect((await suspend(user.id, 'धोखाधड़ी 🚫')).json().suspended_reason).toBe('धोखाधड़ी 🚫')
  })
})

describe.runIf(usingPostgres())('parallel suspensions (PostgreSQL)', () => {
  it('ten admins suspending one user at once: one succeeds, nine get 409, one audit row', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const user = await createUser(db)
    const admins = await Promise.all(Array.from({ length: 10 }, () => createUser(db, { role: 'admin' })))
    const answers = await Promise.all(
      admins.map(async (a) =>
        fetch(`${base}/api/admin/users/${user.id}/suspend`, {
          method: 'POST',
          headers: { ...(await authHeader(a, ctx.clock)), 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'Parallel' }),
        }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409])
    expect(await findAuditLogsForTarget(db, 'user', user.id)).toHaveLength(1)
  })
})
