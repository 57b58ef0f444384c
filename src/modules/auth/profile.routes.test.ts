import { eq } from 'drizzle-orm'
import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildTestApp, TEST_ENV } from '../../../test/build-test-app.js'
import { authHeader, createUser, mobile } from '../../../test/factories.js'
import { users } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

const ctx = await buildTestApp()
const db = ctx.database.db

async function signedInUser(overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, overrides)
  return { user, headers: await authHeader(user, ctx.clock) }
}
const me = (headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers })
const updateMe = (headers: Record<string, string>, payload: Record<string, unknown>) => ctx.app.inject({ method: 'PUT', url: '/api/auth/me', headers, payload })

describe('GET /api/auth/me', () => {
  it('answers the public profile and nothing secret', async () => {
    const { user, headers } = await signedInUser({ password_hash: 'secret-hash', google_sub: 'google-123' })
    const res = await me(headers)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: user.id, name: user.name, email: user.email, phone: user.phone, role: 'customer', status: 'active', children: [] })
    expect(res.body).not.toMatch(/secret-hash|google-123|password_hash|google_sub/)
  })

  it('answers 401 without a token', async () => {
    const res = await me({})
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer')
  })

  it('answers 403 ACCOUNT_SUSPENDED to a suspended account with a valid token', async () => {
    const { headers } = await signedInUser({ status: 'suspended' })
    const res = await me(headers)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('ACCOUNT_SUSPENDED')
  })
})

describe('tokens that must not work', () => {
  const secret = new TextEncoder().encode(TEST_ENV.JWT_SECRET)
  const claims = (sub: string) => ({ role: 'admin', sub, iss: 'rrray', aud: 'rrray-api' })
  const now = () => Math.floor(ctx.clock.now().getTime() / 1000)
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('refuses alg "none"', async () => {
    const { user } = await signedInUser()
    const token = new UnsecuredJWT(claims(user.id)).setIssuedAt(now()).setExpirationTime(now() + 3600).encode()
    expect((await me(bearer(token))).statusCode).toBe(401)
  })

  it('refuses a token signed with another secret', async () => {
    const { user } = await signedInUser()
    const token = await new SignJWT(claims(user.id))
      .setProtectedHeader({ alg: 'HS256', typ: 'access+jwt' })
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough'))
    expect((await me(bearer(token))).statusCode).toBe(401)
  })

  it('refuses an expired token', async () => {
    const { user } = await signedInUser()
    const token = await new SignJWT(claims(user.id))
      .setProtectedHeader({ alg: 'HS256', typ: 'access+jwt' })
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 3600)
      .sign(secret)
    const res = await me(bearer(token))
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('TOKEN_EXPIRED')
  })

  it('refuses a token for another audience', async () => {
    const { user } = await signedInUser()
    const token = await new SignJWT({ ...claims(user.id), aud: 'someone-else' })
      .setProtectedHeader({ alg: 'HS256', typ: 'access+jwt' })
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .sign(secret)
    expect((await me(bearer(token))).statusCode).toBe(401)
  })

  it('accepts a correctly made token (the control case)', async () => {
    const { user } = await signedInUser()
    const token = await new SignJWT(claims(user.id))
      .setProtectedHeader({ alg: 'HS256', typ: 'access+jwt' })
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .sign(secret)
    expect((await me(bearer(token))).statusCode).toBe(200)
  })

  it('refuses a token for an account that no longer exists', async () => {
    const { user, headers } = await signedInUser()
    await db.delete(users).where(eq(users.id, user.id))
    expect((await me(headers)).statusCode).toBe(401)
  })
})

describe('PUT /api/auth/me', () => {
  it('updates the allowed fields and answers the profile', async () => {
    const { headers } = await signedInUser()
    const phone = mobile()
    const res = await updateMe(headers, {
      name: 'New Name',
      city: 'Bengaluru',
      location: { lat: 12.97, lng: 77.59, area: 'Indiranagar' },
      avatar_url: 'https://cdn.example.com/a.png',
      preferences: { categories: ['music'], notify: true },
      phone: `0${phone.slice(3)}`,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      name: 'New Name',
      city: 'Bengaluru',
      location: { lat: 12.97, lng: 77.59, area: 'Indiranagar' },
      avatar_url: 'https://cdn.example.com/a.png',
      preferences: { categories: ['music'], notify: true },
      phone,
      phone_verified: false,
    })
    expect((await me(headers)).json().city).toBe('Bengaluru')
  })

  it('ignores role, status and other fields in the body (mass assignment)', async () => {
    const { user, headers } = await signedInUser()
    const res = await updateMe(headers, { name: 'Still Customer', role: 'admin', status: 'active', email_verified: true, password_hash: 'x', google_sub: 'y', id: crypto.randomUUID() })
    expect(res.statusCode).toBe(200)
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ id: user.id, name: 'Still Customer', role: 'customer', email_verified: false, password_hash: null, google_sub: null })
  })

  it('answers 409 when the email or phone belongs to another account', async () => {
    const other = await createUser(db)
    const { headers } = await signedInUser()
    const byEmail = await updateMe(headers, { email: other.email!.toUpperCase() })
    expect(byEmail.statusCode).toBe(409)
    expect(byEmail.json().code).toBe('EMAIL_TAKEN')
    const byPhone = await updateMe(headers, { phone: other.phone })
    expect(byPhone.statusCode).toBe(409)
    expect(byPhone.json().code).toBe('PHONE_TAKEN')
  })

  it('keeps verification when the same email is sent again, resets it on a new one', async () => {
    const { user, headers } = await signedInUser({ email_verified: true })
    expect((await updateMe(headers, { email: user.email!.toUpperCase() })).json().email_verified).toBe(true)
    const changed = await updateMe(headers, { email: `new-${user.email}` })
    expect(changed.json()).toMatchObject({ email: `new-${user.email}`, email_verified: false })
  })

  it.each([
    { avatar_url: 'http://cdn.example.com/a.png' },
    { avatar_url: 'javascript:alert(1)' },
    { location: { lat: 123, lng: 0 } },
    { email: 'nope' },
    { phone: '12345' },
    { preferences: 'dark' },
    { name: '' },
    { name: '   ' },
  ])('refuses %j with 422', async (body) => {
    const { headers } = await signedInUser()
    expect((await updateMe(headers, body)).statusCode).toBe(422)
  })

  it('answers 401 without a token', async () => {
    expect((await updateMe({}, { name: 'x' })).statusCode).toBe(401)
  })
})

describe('children', () => {
  const add = (headers: Record<string, string>, payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/api/auth/add-child', headers, payload })
  const edit = (headers: Record<string, string>, index: number | string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'PUT', url: `/api/auth/edit-child/${index}`, headers, payload })
  const remove = (headers: Record<string, string>, index: number | string) => ctx.app.inject({ method: 'DELETE', url: `/api/auth/delete-child/${index}`, headers })
  const list = (headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: '/api/auth/children', headers })
  // the manual clock stands at 2026-01-05T04:30Z, i.e. 10:00 on 5 January 2026 in India

  it('adds children with a stable id and an age in whole years, in the order added', async () => {
    const { headers } = await signedInUser()
    const first = await add(headers, { name: 'Kabir', date_of_birth: '2018-04-21', gender: 'male', interests: ['chess'] })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual([expect.objectContaining({ name: 'Kabir', date_of_birth: '2018-04-21', gender: 'male', interests: ['chess'], age: 7 })])
    const second = await add(headers, { name: 'Anya', date_of_birth: '2020-01-05' })
    expect(second.json().map((c: { name: string; age: number }) => [c.name, c.age])).toEqual([
      ['Kabir', 7],
      ['Anya', 6],
    ])
    expect(second.json()[0].id).toBe(first.json()[0].id)
    expect((await me(headers)).json().children).toHaveLength(2)
    expect((await list(headers)).json()).toEqual(second.json())
  })

  it('counts a birthday on the Indian date, not the UTC one', async () => {
    const saved = ctx.clock.now()
    ctx.clock.set('2026-03-09T19:00:00.000Z') // already 10 March (00:30) in India, still 9 March in UTC
    const { headers } = await signedInUser()
    const res = await add(headers, { name: 'Ira', date_of_birth: '2016-03-10' })
    ctx.clock.set(saved)
    expect(res.json()[0].age).toBe(10)
  })

  it('ages a child as the clock moves', async () => {
    const { user, headers } = await signedInUser()
    await add(headers, { name: 'Vir', date_of_birth: '2019-01-10' })
    expect((await list(headers)).json()[0].age).toBe(6)
    ctx.clock.advance(6 * DAY_MS)
    expect((await list(await authHeader(user, ctx.clock))).json()[0].age).toBe(7)
  })

  it.each([
    [{ name: 'Future', date_of_birth: '2030-01-01' }, 'INVALID_DATE_OF_BIRTH'],
    [{ name: 'Grown', date_of_birth: '1990-01-01' }, 'INVALID_DATE_OF_BIRTH'],
    [{ name: 'Bad', date_of_birth: '2019-02-30' }, undefined],
    [{ name: 'Bad', date_of_birth: '21/04/2018' }, undefined],
    [{ date_of_birth: '2019-01-01' }, 'VALIDATION_ERROR'],
    [{ name: '', date_of_birth: '2019-01-01' }, 'VALIDATION_ERROR'],
  ])('refuses %j with 422', async (body, code) => {
    const { headers } = await signedInUser()
    const res = await add(headers, body)
    expect(res.statusCode).toBe(422)
    if (code) expect(res.json().code).toBe(code)
    expect((await list(headers)).json()).toEqual([])
  })

  it('edits the child at an index and keeps its id', async () => {
    const { headers } = await signedInUser()
    await add(headers, { name: 'A', date_of_birth: '2017-06-01' })
    const before = (await add(headers, { name: 'B', date_of_birth: '2019-06-01' })).json()
    const res = await edit(headers, 1, { name: 'Bela', interests: ['dance'] })
    expect(res.statusCode).toBe(200)
    expect(res.json()[1]).toMatchObject({ id: before[1].id, name: 'Bela', interests: ['dance'], date_of_birth: '2019-06-01' })
    expect(res.json()[0]).toEqual(before[0])
  })

  it('refuses an edit that makes the date of birth invalid', async () => {
    const { headers } = await signedInUser()
    await add(headers, { name: 'A', date_of_birth: '2017-06-01' })
    expect((await edit(headers, 0, { date_of_birth: '2999-01-01' })).statusCode).toBe(422)
    expect((await edit(headers, 0, {})).statusCode).toBe(422)
    expect((await list(headers)).json()[0].date_of_birth).toBe('2017-06-01')
  })

  it('deletes the child at an index', async () => {
    const { headers } = await signedInUser()
    await add(headers, { name: 'A', date_of_birth: '2017-06-01' })
    await add(headers, { name: 'B', date_of_birth: '2018-06-01' })
    const res = await remove(headers, 0)
    expect(res.statusCode).toBe(200)
    expect(res.json().map((c: { name: string }) => c.name)).toEqual(['B'])
  })

  it('answers 404 for an index out of range and never touches another account’s children', async () => {
    const owner = await signedInUser()
    await add(owner.headers, { name: 'Mine', date_of_birth: '2017-06-01' })
    const stranger = await signedInUser()
    expect((await edit(stranger.headers, 0, { name: 'Stolen' })).statusCode).toBe(404)
    expect((await remove(stranger.headers, 0)).statusCode).toBe(404)
    expect((await remove(owner.headers, 1)).statusCode).toBe(404)
    expect((await list(owner.headers)).json().map((c: { name: string }) => c.name)).toEqual(['Mine'])
  })

  it('answers 422 for a negative or non-numeric index', async () => {
    const { headers } = await signedInUser()
    expect((await remove(headers, -1)).statusCode).toBe(422)
    expect((await remove(headers, 'first')).statusCode).toBe(422)
  })

  it('answers 401 without a token', async () => {
    expect((await add({}, { name: 'A', date_of_birth: '2017-06-01' })).statusCode).toBe(401)
    expect((await list({})).statusCode).toBe(401)
    expect((await remove({}, 0)).statusCode).toBe(401)
  })
})
