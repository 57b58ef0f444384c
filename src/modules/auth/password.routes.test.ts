import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createUser, mobile } from '../../../test/factories.js'
import { users } from '../../db/schema/index.js'
import { hashPassword } from './password-policy.js'

// two listed admin addresses, so the unproven and the proven case each get their own
const ctx = await buildTestApp({ env: { ADMIN_EMAILS: 'unproven-admin@rrray.test, Proven-Admin@rrray.test' } })
const db = ctx.database.db
const email = () => `pw-${randomUUID().slice(0, 8)}@example.com`
const GOOD = 'correct-horse-9'

const register = (payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload })
const login = (payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload })

describe('POST /api/auth/register', () => {
  it('creates an account with an argon2id hash (OWASP parameters) and answers a token', async () => {
    const address = email()
    const phone = mobile()
    const res = await register({ name: 'Ravi', email: address.toUpperCase(), password: GOOD, phone: `+91 ${phone.slice(3, 8)} ${phone.slice(8)}`, role: 'partner' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ token_type: 'bearer', user: { name: 'Ravi', email: address, role: 'partner', email_verified: false } })
    expect(body.user.phone).toBe(phone)
    expect(res.body).not.toContain('argon2')
    const [row] = await db.select().from(users).where(eq(users.id, body.user.id))
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('answers 409 EMAIL_TAKEN for an email already used, whatever its case', async () => {
    const existing = await createUser(db)
    const res = await register({ name: 'X', email: existing.email!.toUpperCase(), password: GOOD })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('EMAIL_TAKEN')
  })

  it('answers 409 PHONE_TAKEN for a phone already used', async () => {
    const existing = await createUser(db)
    const res = await register({ name: 'X', email: email(), password: GOOD, phone: existing.phone })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('PHONE_TAKEN')
  })

  it.each([
    ['short1', 422],
    ['a'.repeat(129) + '1', 422],
    ['onlyletters', 422],
    ['1234567890', 422],
  ])('refuses the password %j', async (password, status) => {
    const res = await register({ name: 'X', email: email(), password })
    expect(res.statusCode).toBe(status)
  })

  it('refuses a password equal to the email with a clear message', async () => {
    const address = `a1${randomUUID().slice(0, 6)}@example.com`
    const res = await register({ name: 'X', email: address, password: address })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code: 'WEAK_PASSWORD', detail: 'Password must not be your email address' })
  })

  it('refuses a password without a digit with WEAK_PASSWORD', async () => {
    const res = await register({ name: 'X', email: email(), password: 'no-digits-here' })
    expect(res.json()).toEqual({ code: 'WEAK_PASSWORD', detail: 'Password must contain at least one digit' })
  })

  it.each(['admin', 'owner'])('refuses role %j with 422', async (role) => {
    const address = email()
    const res = await register({ name: 'X', email: address, password: GOOD, role })
    expect(res.statusCode).toBe(422)
    expect(await db.select().from(users).where(eq(users.email, address))).toHaveLength(0)
  })

  it('refuses a malformed email and a non-Indian phone with 422', async () => {
    expect((await register({ name: 'X', email: 'not-an-email', password: GOOD })).statusCode).toBe(422)
    const res = await register({ name: 'X', email: email(), password: GOOD, phone: '+14155550100' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('INVALID_PHONE')
  })

  it('does not make an unproven ADMIN_EMAILS address an admin', async () => {
    const res = await register({ name: 'Mallory', email: 'unproven-admin@rrray.test', password: GOOD })
    expect(res.statusCode).toBe(201)
    expect(res.json().user.role).toBe('customer')
    const again = await login({ email: 'unproven-admin@rrray.test', password: GOOD })
    expect(again.json().user.role).toBe('customer')
  })
})

describe('POST /api/auth/login', () => {
  it('logs in with the right password, whatever the email case', async () => {
    const user = await createUser(db, { password_hash: await hashPassword(GOOD) })
    const res = await login({ email: ` ${user.email!.toUpperCase()} `, password: GOOD })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ token_type: 'bearer', user: { id: user.id, email: user.email } })
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row!.last_login_at?.toISOString()).toBe(ctx.clock.now().toISOString())
  })

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const user = await createUser(db, { password_hash: await hashPassword(GOOD) })
    const wrongPassword = await login({ email: user.email, password: 'wrong-password-1' })
    const unknownEmail = await login({ email: email(), password: GOOD })
    const noPassword = await login({ email: (await createUser(db)).email, password: GOOD })
    for (const res of [wrongPassword, unknownEmail, noPassword]) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ detail: 'Incorrect email or password', code: 'INVALID_CREDENTIALS' })
    }
  })

  it('refuses a suspended account with 403 once the password is right', async () => {
    const user = await createUser(db, { password_hash: await hashPassword(GOOD), status: 'suspended' })
    expect((await login({ email: user.email, password: 'wrong-password-1' })).statusCode).toBe(401)
    const res = await login({ email: user.email, password: GOOD })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('ACCOUNT_SUSPENDED')
  })

  it('promotes a verified ADMIN_EMAILS account on login', async () => {
    const user = await createUser(db, { email: 'proven-admin@rrray.test', email_verified: true, password_hash: await hashPassword(GOOD) })
    const res = await login({ email: 'PROVEN-admin@rrray.test', password: GOOD })
    expect(res.json().user).toMatchObject({ id: user.id, role: 'admin' })
  })

  it('refuses a body without a password with 422', async () => {
    expect((await login({ email: email() })).statusCode).toBe(422)
  })
})

describe('phone numbers in profiles', () => {
  it('register stores the E.164 form', async () => {
    const phone = mobile()
    const res = await register({ name: 'P', email: email(), password: GOOD, phone: `0${phone.slice(3)}` })
    expect(res.json().user.phone).toBe(phone)
  })
})
