import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { SignJWT } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { createUser } from '../../../test/factories.js'
import { startFakeGoogleJwks } from '../../../test/fakes/google-jwks-server.js'
import { oauthSessions, users } from '../../db/schema/index.js'

const google = await startFakeGoogleJwks()
afterAll(() => google.close())
const ctx = await buildTestApp({ env: { GOOGLE_CLIENT_ID: google.clientId, GOOGLE_JWKS_URL: google.jwksUrl } })
const db = ctx.database.db

const now = () => Math.floor(ctx.clock.now().getTime() / 1000)
const identity = (overrides: Record<string, unknown> = {}) => ({
  sub: `g-${randomUUID()}`,
  email: `g-${randomUUID().slice(0, 8)}@gmail.com`,
  email_verified: true,
  name: 'Priya Nair',
  picture: 'https://lh3.googleusercontent.com/a/photo',
  ...overrides,
})
const signIn = (id_token: string) => ctx.app.inject({ method: 'POST', url: '/api/auth/google', payload: { id_token } })

describe('POST /api/auth/google', () => {
  it('creates a customer for a new Google account and records the OAuth session', async () => {
    const claims = identity()
    const res = await signIn(await google.signIdToken(claims, { now: now() }))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      token_type: 'bearer',
      user: { email: claims.email, name: 'Priya Nair', role: 'customer', email_verified: true, avatar_url: claims.picture },
    })
    expect(res.body).not.toContain(claims.sub)
    const [row] = await db.select().from(users).where(eq(users.id, body.user.id))
    expect(row!.google_sub).toBe(claims.sub)
    const sessions = await db.select().from(oauthSessions).where(eq(oauthSessions.user_id, body.user.id))
    expect(sessions).toMatchObject([{ provider: 'google', subject: claims.sub }])
  })

  it('finds the same account by Google subject next time, even if the email changed at Google', async () => {
    const claims = identity()
    const first = (await signIn(await google.signIdToken(claims, { now: now() }))).json()
    const second = await signIn(await google.signIdToken({ ...claims, email: `renamed-${claims.email}` }, { now: now() }))
    expect(second.json().user.id).toBe(first.user.id)
    expect(second.json().user.email).toBe(claims.email)
  })

  it('links an existing account by its verified email', async () => {
    const existing = await createUser(db, { role: 'partner' })
    const claims = identity({ email: existing.email!.toUpperCase() })
    const res = await signIn(await google.signIdToken(claims, { now: now() }))
    expect(res.json().user).toMatchObject({ id: existing.id, role: 'partner', email_verified: true })
    const [row] = await db.select().from(users).where(eq(users.id, existing.id))
    expect(row!.google_sub).toBe(claims.sub)
    expect(row!.last_login_at?.toISOString()).toBe(ctx.clock.now().toISOString()) // the admin’s "last sign-in"
  })

  it('refuses to link an email whose account is tied to another Google subject', async () => {
    const existing = await createUser(db, { google_sub: `g-${randomUUID()}` })
    const res = await signIn(await google.signIdToken(identity({ email: existing.email }), { now: now() }))
    expect(res.statusCode).toBe(409)
  })

  it('makes an ADMIN_EMAILS account an admin (Google proved the email)', async () => {
    const res = await signIn(await google.signIdToken(identity({ email: 'admin@rrray.test' }), { now: now() }))
    expect(res.json().user.role).toBe('admin')
  })

  it('refuses a suspended account with 403', async () => {
    const existing = await createUser(db, { status: 'suspended' })
    const res = await signIn(await google.signIdToken(identity({ email: existing.email }), { now: now() }))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('ACCOUNT_SUSPENDED')
  })

  it.each([
    ['another audience', { aud: 'someone-else.apps.googleusercontent.com' }, {}],
    ['another issuer', { iss: 'https://evil.example.com' }, {}],
    ['an unverified email', { email_verified: false }, {}],
    ['no email', { email: undefined }, {}],
    ['a key Google did not publish', {}, { rogueKey: true }],
    ['an unknown key id', {}, { rogueKey: true, kid: 'unknown-kid' }],
  ] as const)('answers 401 for a token with %s', async (_label, claims, options) => {
    const token = await google.signIdToken(identity(claims), { now: now(), ...options })
    const res = await signIn(token)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toMatch(/^GOOGLE_/)
  })

  it('accepts the bare accounts.google.com issuer', async () => {
    const res = await signIn(await google.signIdToken(identity({ iss: 'accounts.google.com' }), { now: now() }))
    expect(res.statusCode).toBe(200)
  })

  it('answers 401 for an expired token', async () => {
    const token = await google.signIdToken(identity(), { now: now() - 7200, lifetimeSeconds: 3600 })
    expect((await signIn(token)).statusCode).toBe(401)
  })

  it('answers 401 for a token signed with HS256 (algorithm confusion) or garbage', async () => {
    const hs256 = await new SignJWT(identity({ iss: 'https://accounts.google.com', aud: google.clientId }))
      .setProtectedHeader({ alg: 'HS256', kid: 'fake-google-key-1' })
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .sign(new TextEncoder().encode(google.clientId.padEnd(32, 'x')))
    expect((await signIn(hs256)).statusCode).toBe(401)
    expect((await signIn('not.a.jwt-at-all-but-long-enough')).statusCode).toBe(401)
  })

  it('answers 422 without an id_token', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/google', payload: {} })).statusCode).toBe(422)
  })

  it('answers 503 GOOGLE_NOT_CONFIGURED when no client id is set', async () => {
    const bare = await buildTestApp({ database: ctx.database, clock: ctx.clock })
    const res = await bare.app.inject({ method: 'POST', url: '/api/auth/google', payload: { id_token: await google.signIdToken(identity(), { now: now() }) } })
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('GOOGLE_NOT_CONFIGURED')
  })
})
