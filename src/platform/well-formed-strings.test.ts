// Text PostgreSQL cannot store (NUL, lone surrogates) and oversized text, in the bodies of a representative set of routes
// and in every query parameter of every route: always a 4xx with a detail naming the field, never a 500, nothing written.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, mobile } from '../../test/factories.js'
import { queryRow } from '../db/query.js'
import { DAY_MS } from '../shared/clock.js'
import { findUnstorableString } from './well-formed-strings.js'

const ctx = await buildTestApp()
const { db } = ctx.database
type Caller = { id: string; role: 'customer' | 'partner' | 'admin' }

const UNSTORABLE = { nul: 'Asha\u0000Rao', 'lone high surrogate': 'Asha\ud800', 'lone low surrogate': '\udc00Asha' }
const HUGE = 'a'.repeat(100_000)
const EMOJI = 'Asha 👧🏽🎨'

/** Every row of the tables these routes could write, as one digest: equal digests mean nothing changed. */
async function digest(): Promise<string> {
  const tables = ['users', 'children', 'otps', 'partners', 'bookings', 'booking_sessions', 'credit_ledger', 'wallets', 'audit_logs', 'idempotency_keys']
  const parts = await Promise.all(
    tables.map(async (t) => (await queryRow<{ d: string }>(db, sql`select count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d from ${sql.identifier(t)} x`))!.d),
  )
  return parts.join(',')
}

const customer: Caller = await createUser(db, { role: 'customer' })
await createChild(db, customer.id)
const partner: Caller = await createUser(db, { role: 'partner' })
const admin: Caller = await createUser(db, { role: 'admin' })
const callers = [customer, partner, admin]

const listing = await createListing(db)
const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 99_900 })
const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS), { capacity: 10 })
const booked = await ctx.app.inject({
  method: 'POST',
  url: '/api/bookings',
  headers: { ...(await authHeader(customer, ctx.clock)), 'idempotency-key': randomUUID() },
  payload: { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [(await queryRow<{ id: string }>(db, sql`select id from children where user_id = ${customer.id}::uuid`))!.id] },
})
const bookingId = (booked.json() as { booking: { id: string } }).booking.id

interface BodyRoute {
  method: 'POST' | 'PUT'
  url: string
  caller?: Caller
  body: Record<string, unknown>
  /** Paths (in the body) of the string fields to spoil, one at a time. */
  fields: (string | number)[][]
  headers?: Record<string, string>
}

const BODY_ROUTES: BodyRoute[] = [
  { method: 'POST', url: '/api/auth/send-otp', body: { identifier: mobile() }, fields: [['identifier']] },
  { method: 'POST', url: '/api/auth/verify-otp', body: { identifier: mobile(), otp: '123456', name: 'Asha' }, fields: [['identifier'], ['name']] },
  { method: 'POST', url: '/api/auth/register', body: { name: 'Asha', email: 'asha.nul@example.com', password: 'secret-pass-1' }, fields: [['name'], ['email'], ['password']] },
  { method: 'POST', url: '/api/auth/add-child', caller: customer, body: { name: 'Kabir', date_of_birth: '2018-04-21', interests: ['chess'] }, fields: [['name'], ['interests', 0]] },
  { method: 'PUT', url: '/api/auth/edit-child/0', caller: customer, body: { name: 'Kabir' }, fields: [['name']] },
  { method: 'PUT', url: '/api/auth/me', caller: customer, body: { name: 'Asha', city: 'Pune', preferences: { note: 'hi' } }, fields: [['name'], ['city'], ['preferences', 'note']] },
  { method: 'POST', url: '/api/partners', caller: customer, body: { business_name: 'Little Picasso', city: 'Pune' }, fields: [['business_name'], ['city']] },
  { method: 'POST', url: `/api/admin/users/${customer.id}/credits/adjust`, caller: admin, body: { delta: 5, reason: 'Goodwill' }, fields: [['reason']] },
  { method: 'POST', url: `/api/bookings/${bookingId}/cancel`, caller: customer, body: { reason: 'Sick' }, fields: [['reason']] },
]

function spoil(body: Record<string, unknown>, path: (string | number)[], value: string): Record<string, unknown> {
  const copy = structuredClone(body)
  let node: Record<string | number, unknown> = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[path.at(-1)!] = value
  return copy
}

async function send(route: Pick<BodyRoute, 'method' | 'url' | 'caller' | 'headers'>, body: unknown) {
  const auth = route.caller ? await authHeader(route.caller, ctx.clock) : {}
  return ctx.app.inject({ method: route.method, url: route.url, headers: { ...auth, 'idempotency-key': randomUUID(), ...route.headers }, payload: body as object })
}

describe('unstorable text in request bodies', () => {
  const cases = BODY_ROUTES.flatMap((route) =>
    route.fields.flatMap((field) => Object.entries(UNSTORABLE).map(([kind, value]) => ({ route, field, kind, value }))),
  )
  it.each(cases)('$route.method $route.url $field ($kind): 422 naming the field, nothing written', async ({ route, field, value }) => {
    const before = await digest()
    const res = await send(route, spoil(route.body, field, value))
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json()).toEqual({ code: 'VALIDATION_ERROR', detail: [expect.objectContaining({ loc: ['body', ...field] })] })
    expect(await digest()).toBe(before)
  })

  it.each(BODY_ROUTES.flatMap((route) => route.fields.filter((f) => f[0] !== 'preferences').map((field) => ({ route, field }))))(
    '$route.method $route.url $field (100,000 characters): 4xx with a detail, nothing written',
    async ({ route, field }) => {
      const before = await digest()
      const res = await send(route, spoil(route.body, field, HUGE))
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.json().detail).toBeTruthy()
      expect(await digest()).toBe(before)
    },
  )

  it('an emoji is text like any other: stored and answered as sent', async () => {
    const res = await send({ method: 'PUT', url: '/api/auth/me', caller: customer }, { name: EMOJI, preferences: { note: EMOJI } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ name: EMOJI, preferences: { note: EMOJI } })
    const row = await queryRow<{ name: string }>(db, sql`select name from users where id = ${customer.id}::uuid`)
    expect(row!.name).toBe(EMOJI)
  })

  it('a NUL in a header that reaches the database (Idempotency-Key) is a 422 naming the header', async () => {
    const before = await digest()
    const res = await send({ method: 'POST', url: `/api/bookings/${bookingId}/cancel`, caller: customer, headers: { 'idempotency-key': 'key\u0000' } }, { reason: 'Sick' })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0]).toMatchObject({ loc: ['header', 'idempotency-key'], type: 'string_unicode' })
    expect(await digest()).toBe(before)
  })

  it('a NUL in a key of a free-form object is refused too', async () => {
    const res = await send({ method: 'PUT', url: '/api/auth/me', caller: customer }, { preferences: { 'no\u0000te': 'x' } })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0].loc).toEqual(['body', 'preferences', 'no\u0000te'])
  })
})

// ---- every query parameter of every route, from the OpenAPI document ----

interface ParamSchema {
  type?: string
  format?: string
  enum?: unknown[]
  minimum?: number
  examples?: unknown[]
  default?: unknown
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: ParamSchema }[]
}

/** A value the schema accepts, for the parameters a case does not spoil. */
function validValue(schema: ParamSchema): string {
  if (schema.examples?.[0] !== undefined) return String(schema.examples[0])
  if (schema.default !== undefined) return String(schema.default)
  if (schema.enum?.[0] !== undefined) return String(schema.enum[0])
  if (schema.format === 'uuid') return randomUUID()
  if (schema.format === 'date') return '2026-01-05'
  if (schema.format === 'date-time') return '2026-01-05T04:30:00.000Z'
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1)
  if (schema.type === 'boolean') return 'true'
  return 'x'
}

const doc = ctx.app.swagger() as { paths: Record<string, Record<string, Operation>> }
const QUERY_CASES = Object.entries(doc.paths).flatMap(([path, operations]) =>
  Object.entries(operations).flatMap(([method, operation]) => {
    const params = operation.parameters ?? []
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(validValue(params.find((p) => p.in === 'path' && p.name === name)?.schema ?? {})))
    const required = params.filter((p) => p.in === 'query' && p.required)
    return params
      .filter((p) => p.in === 'query' && (p.schema.type === 'string' || p.schema.type === undefined))
      .map((p) => ({ method: method.toUpperCase() as 'GET', url, name: p.name, fill: required.filter((r) => r.name !== p.name).map((r) => [r.name, validValue(r.schema)]) }))
  }),
)

/** As a client would put them in a URL; a lone surrogate can only arrive as the bytes UTF-8 forbids for it. */
const ENCODED_QUERY_VALUES = {
  nul: 'Asha%00Rao',
  'lone surrogate': 'Asha%ED%A0%80',
  huge: HUGE,
  emoji: encodeURIComponent(EMOJI),
}

describe('unstorable text in query parameters', () => {
  it('covers the public search and listings filters the issue names', () => {
    const named = QUERY_CASES.map((c) => `${c.url}?${c.name}`)
    expect(named).toEqual(expect.arrayContaining(['/api/search?q', '/api/search?city', '/api/search?category', '/api/listings?city']))
  })

  it.each(QUERY_CASES)('$method $url ?$name', async ({ method, url, name, fill }) => {
    const before = await digest()
    for (const [kind, encoded] of Object.entries(ENCODED_QUERY_VALUES)) {
      const rest = fill.map(([k, v]) => `&${encodeURIComponent(k!)}=${encodeURIComponent(v!)}`).join('')
      const answers = await Promise.all(
        callers.map(async (caller) => ctx.app.inject({ method, url: `${url}?${encodeURIComponent(name)}=${encoded}${rest}`, headers: await authHeader(caller, ctx.clock) })),
      )
      for (const res of answers) {
        expect(res.statusCode, `${kind}: ${res.body}`).toBeLessThan(500)
        if (res.statusCode >= 400) expect(res.json().detail, kind).toBeTruthy()
      }
      // the caller whose role the route takes gets the field named; the others may be turned away by their role first
      if (kind === 'nul') expect(answers.some((r) => r.statusCode === 422 && JSON.stringify(r.json().detail).includes(`["query","${name}"]`)), answers.map((r) => r.body).join('\n')).toBe(true)
    }
    expect(await digest()).toBe(before)
  })
})

describe('findUnstorableString', () => {
  it('points at the first string holding a NUL or a lone surrogate, in values and keys, and passes proper pairs', () => {
    expect(findUnstorableString({ a: ['ok', { b: 'x\u0000' }] })).toBe('/a/1/b')
    expect(findUnstorableString({ 'a/b~': '\ud83d' })).toBe('/a~1b~0')
    expect(findUnstorableString({ name: EMOJI, n: 1, ok: true, none: null })).toBeUndefined()
    expect(findUnstorableString('\udc00\ud800')).toBe('')
    expect(findUnstorableString(Buffer.from([0]))).toBeUndefined()
  })
})
