import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { usingPostgres } from '../../../test/test-database.js'
import { createUser, mobile } from '../../../test/factories.js'
import { otps, users } from '../../db/schema/index.js'
import { createProviders } from '../../integrations/index.js'
import type { OtpMessage } from '../../integrations/notify/index.js'
import { MINUTE_MS } from '../../shared/clock.js'

const sent: OtpMessage[] = []
const ctx = await buildTestApp({
  env: { ADMIN_EMAILS: 'admin@rrray.test,ops@rrray.test' },
  providers: (config) => ({
    ...createProviders(config, { logger: pino({ level: 'silent' }) }),
    otpSender: {
      async send(message) {
        sent.push(message)
      },
    },
  }),
})
const db = ctx.database.db
const { otp: policy } = ctx.config

const email = () => `otp-${randomUUID().slice(0, 8)}@Example.com`
const national = (e164: string) => e164.slice(3)

async function sendOtp(identifier: string, remoteAddress = '127.0.0.1') {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier }, remoteAddress })
}
async function verifyOtp(payload: Record<string, unknown>) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload })
}
function lastCodeTo(to: string): string {
  const message = sent.filter((m) => m.to === to).at(-1)
  if (!message) throw new Error(`no code sent to ${to}`)
  return message.code
}
function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000'
}
/** Lets the next code be sent: the resend interval passes. */
const passResendInterval = () => ctx.clock.advance((policy.resendSeconds + 1) * 1000)

describe('POST /api/auth/send-otp', () => {
  it('normalises an Indian mobile and sends a code of the configured length', async () => {
    const phone = mobile()
    const res = await sendOtp(`+91 ${national(phone).slice(0, 5)}-${national(phone).slice(5)}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      message: 'If the identifier is valid, a code has been sent',
      expires_in_seconds: policy.ttlMinutes * 60,
      resend_after_seconds: policy.resendSeconds,
    })
    const code = lastCodeTo(phone)
    expect(code).toMatch(new RegExp(`^\\d{${policy.length}}$`))
    expect(sent.at(-1)).toMatchObject({ channel: 'phone', to: phone })
    expect(res.body).not.toContain(code)
  })

  it('stores only a keyed hash of the code, with its expiry and the caller IP', async () => {
    const phone = mobile()
    await sendOtp(national(phone), '10.1.2.3')
    const code = lastCodeTo(phone)
    const [row] = await db.select().from(otps).where(eq(otps.identifier, phone))
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.code_hash).not.toContain(code)
    expect(row!.requested_ip).toBe('10.1.2.3')
    expect(row!.expires_at.getTime() - ctx.clock.now().getTime()).toBe(policy.ttlMinutes * MINUTE_MS)
  })

  it('lower-cases an email identifier and sends by the email channel', async () => {
    const address = email()
    expect((await sendOtp(`  ${address} `)).statusCode).toBe(200)
    expect(sent.at(-1)).toMatchObject({ channel: 'email', to: address.toLowerCase() })
  })

  it('answers a known and an unknown identifier identically', async () => {
    const known = await createUser(db)
    const unknown = mobile()
    const a = await sendOtp(known.phone!)
    const b = await sendOtp(unknown)
    expect(a.statusCode).toBe(b.statusCode)
    expect(a.json()).toEqual(b.json())
  })

  it.each(['12345', '5876543210', 'not-an-email@', 'abc', '+1 415 555 0100'])('refuses %j with 422', async (identifier) => {
    const res = await sendOtp(identifier)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('INVALID_IDENTIFIER')
  })

  it('refuses a missing identifier with a FastAPI-shaped 422', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: {} })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0].loc).toEqual(['body', 'identifier'])
  })

  it('throttles a resend within the interval with 429 and Retry-After', async () => {
    const phone = mobile()
    await sendOtp(phone)
    ctx.clock.advance(10_000)
    const res = await sendOtp(phone)
    expect(res.statusCode).toBe(429)
    expect(res.json().code).toBe('OTP_RESEND_TOO_SOON')
    expect(Number(res.headers['retry-after'])).toBe(policy.resendSeconds - 10)
    ctx.clock.advance((policy.resendSeconds - 10) * 1000)
    expect((await sendOtp(phone)).statusCode).toBe(200)
  })

  it('caps the sends per identifier per hour, counted in the database', async () => {
    const phone = mobile()
    for (let i = 0; i < policy.sendsPerHour; i++) {
      expect((await sendOtp(phone)).statusCode).toBe(200)
      passResendInterval()
    }
    const capped = await sendOtp(phone)
    expect(capped.statusCode).toBe(429)
    expect(capped.json().code).toBe('OTP_SEND_LIMIT')
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0)
    const rows = await db.select().from(otps).where(eq(otps.identifier, phone))
    expect(rows).toHaveLength(policy.sendsPerHour)
    ctx.clock.advance(60 * MINUTE_MS)
    expect((await sendOtp(phone)).statusCode).toBe(200)
  })

  it('answers before the delivery finishes (delivery is not awaited)', async () => {
    const slow = await buildTestApp({
      database: ctx.database,
      providers: (config) => ({ ...createProviders(config, { logger: pino({ level: 'silent' }) }), otpSender: { send: () => new Promise<void>(() => undefined) } }),
    })
    const res = await slow.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: mobile() } })
    expect(res.statusCode).toBe(200)
  })
})

describe('POST /api/auth/verify-otp', () => {
  it('signs up a new phone as the asked role, marks it verified and answers a bearer token and the profile', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const res = await verifyOtp({ identifier: national(phone), otp: lastCodeTo(phone), name: 'Meera', role: 'partner' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.token_type).toBe('bearer')
    expect(body.user).toMatchObject({ name: 'Meera', phone, role: 'partner', status: 'active', phone_verified: true, email: null, children: [] })
    expect(Object.keys(body.user)).not.toEqual(expect.arrayContaining(['password_hash']))
    expect(res.body).not.toMatch(/password_hash|google_sub|code_hash/)
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.access_token}` } })
    expect(me.statusCode).toBe(200)
    expect(me.json().id).toBe(body.user.id)
  })

  it('logs an existing account in without changing its role', async () => {
    const user = await createUser(db, { role: 'partner' })
    await sendOtp(user.phone!)
    const res = await verifyOtp({ identifier: user.phone, otp: lastCodeTo(user.phone!), role: 'customer' })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ id: user.id, role: 'partner', phone_verified: true })
    // the admin's "last sign-in"
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row!.last_login_at?.toISOString()).toBe(ctx.clock.now().toISOString())
  })

  it('signs up by email with a customer role by default and marks the email verified', async () => {
    const address = email()
    await sendOtp(address)
    const res = await verifyOtp({ identifier: address, otp: lastCodeTo(address.toLowerCase()) })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ email: address.toLowerCase(), role: 'customer', email_verified: true, name: '' })
  })

  it.each(['admin', 'superuser'])('refuses role %j with 422', async (role) => {
    const phone = mobile()
    await sendOtp(phone)
    const res = await verifyOtp({ identifier: phone, otp: lastCodeTo(phone), role })
    expect(res.statusCode).toBe(422)
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0)
  })

  it('refuses a wrong code with 401 OTP_INVALID and counts the attempt', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const res = await verifyOtp({ identifier: phone, otp: wrongCode(lastCodeTo(phone)) })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('OTP_INVALID')
    const [row] = await db.select().from(otps).where(eq(otps.identifier, phone))
    expect(row!.attempts).toBe(1)
  })

  it('kills the code after the maximum of wrong tries, even for the right code', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const code = lastCodeTo(phone)
    for (let i = 0; i < policy.maxAttempts; i++) {
      const res = await verifyOtp({ identifier: phone, otp: wrongCode(code) })
      expect(res.json().code).toBe('OTP_INVALID')
    }
    const locked = await verifyOtp({ identifier: phone, otp: code })
    expect(locked.statusCode).toBe(429)
    expect(locked.json().code).toBe('OTP_LOCKED')
    expect(locked.headers['retry-after']).toBeDefined()
    passResendInterval()
    await sendOtp(phone)
    expect((await verifyOtp({ identifier: phone, otp: lastCodeTo(phone) })).statusCode).toBe(200)
  })

  it('refuses an expired code with 401 OTP_EXPIRED', async () => {
    const phone = mobile()
    await sendOtp(phone)
    ctx.clock.advance(policy.ttlMinutes * MINUTE_MS + 1000)
    const res = await verifyOtp({ identifier: phone, otp: lastCodeTo(phone) })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('OTP_EXPIRED')
  })

  it('accepts a code just before it expires', async () => {
    const phone = mobile()
    await sendOtp(phone)
    ctx.clock.advance(policy.ttlMinutes * MINUTE_MS - 1000)
    expect((await verifyOtp({ identifier: phone, otp: lastCodeTo(phone) })).statusCode).toBe(200)
  })

  it('accepts a code once only', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const code = lastCodeTo(phone)
    expect((await verifyOtp({ identifier: phone, otp: code })).statusCode).toBe(200)
    const again = await verifyOtp({ identifier: phone, otp: code })
    expect(again.statusCode).toBe(401)
    expect(again.json().code).toBe('OTP_INVALID')
  })

  it('voids an earlier code when a new one is sent', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const first = lastCodeTo(phone)
    passResendInterval()
    await sendOtp(phone)
    const second = lastCodeTo(phone)
    if (first !== second) expect((await verifyOtp({ identifier: phone, otp: first })).statusCode).toBe(401)
    expect((await verifyOtp({ identifier: phone, otp: second })).statusCode).toBe(200)
  })

  it('binds a code to its identifier', async () => {
    const [a, b] = [mobile(), mobile()]
    await sendOtp(a)
    await sendOtp(b)
    const res = await verifyOtp({ identifier: b, otp: lastCodeTo(a) === lastCodeTo(b) ? wrongCode(lastCodeTo(b)) : lastCodeTo(a) })
    expect(res.statusCode).toBe(401)
  })

  it('refuses 1234 outside APP_ENV=dev', async () => {
    const phone = mobile()
    await sendOtp(phone)
    const res = await verifyOtp({ identifier: phone, otp: '1234' })
    expect(res.statusCode).toBe(401)
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0)
  })

  it('answers 401 when no code was ever sent', async () => {
    const res = await verifyOtp({ identifier: mobile(), otp: '123456' })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('OTP_INVALID')
  })

  it('makes an account whose proven email is in ADMIN_EMAILS an admin', async () => {
    const admin = await createUser(db, { email: 'Admin@rrray.test', role: 'customer' })
    await sendOtp('admin@rrray.test')
    const res = await verifyOtp({ identifier: 'ADMIN@rrray.test', otp: lastCodeTo('admin@rrray.test') })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ id: admin.id, role: 'admin' })
  })

  it('an ADMIN_EMAILS account made before its owner signs in (seed, create-admin) takes the name sent at the first sign-in', async () => {
    const admin = await createUser(db, { email: 'ops@rrray.test', name: 'RRRAY Admin', role: 'admin', email_verified: true })
    await sendOtp('ops@rrray.test')
    const first = await verifyOtp({ identifier: 'ops@rrray.test', otp: lastCodeTo('ops@rrray.test'), name: ' Priya Nair ' })
    expect(first.statusCode).toBe(200)
    expect(first.json().user).toMatchObject({ id: admin.id, role: 'admin', name: 'Priya Nair' })
    // later sign-ins never rename the account: the profile (PUT /api/auth/me) does that
    passResendInterval()
    await sendOtp('ops@rrray.test')
    const again = await verifyOtp({ identifier: 'ops@rrray.test', otp: lastCodeTo('ops@rrray.test'), name: 'Someone Else' })
    expect(again.json().user).toMatchObject({ id: admin.id, name: 'Priya Nair' })
  })

  it('refuses a suspended account with 403 ACCOUNT_SUSPENDED', async () => {
    const user = await createUser(db, { status: 'suspended' })
    await sendOtp(user.phone!)
    const res = await verifyOtp({ identifier: user.phone, otp: lastCodeTo(user.phone!) })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('ACCOUNT_SUSPENDED')
    expect(res.body).not.toContain('access_token')
  })

  it('refuses a malformed code with 422', async () => {
    const res = await verifyOtp({ identifier: mobile(), otp: '12ab' })
    expect(res.statusCode).toBe(422)
  })
})

describe.runIf(usingPostgres())('concurrent requests (PostgreSQL)', () => {
  const post = async (base: string, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.status
  }

  it('lets one code sign in once when it is sent ten times at once, and one resend through', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const phone = mobile()
    const sends = await Promise.all(Array.from({ length: 10 }, () => post(address, '/api/auth/send-otp', { identifier: phone })))
    expect(sends.filter((s) => s === 200)).toHaveLength(1)
    expect(sends.filter((s) => s === 429)).toHaveLength(9)
    const code = lastCodeTo(phone)
    const verifies = await Promise.all(Array.from({ length: 10 }, () => post(address, '/api/auth/verify-otp', { identifier: phone, otp: code })))
    expect(verifies.filter((s) => s === 200)).toHaveLength(1)
    expect(verifies.filter((s) => s === 401)).toHaveLength(9)
    expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1)
  })
})
