// Booking scenarios on PostgreSQL: creation throughput, and the last-seat storm (500 parallel requests, 10 seats).
import { createHash } from 'node:crypto'
import autocannon from 'autocannon'
import { and, count, eq } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { bookings, sessions } from '../src/db/schema/index.js'
import { createTokenService } from '../src/shared/auth.js'
import { systemClock } from '../src/shared/clock.js'
import { createListing, createPlanOption, createSession } from '../test/factories.js'
import { note } from './progress.js'
import { BENCH_JWT_SECRET } from './protocol.js'

export interface BookingBenchResult {
  /** Sessions spread over many partners (each partner's invoice series sees a share of the load). */
  throughput: Throughput
  /** Every booking with one partner: its invoice series is the one serialised step. */
  one_partner: Throughput
  storm: { requests: number; seats: number; drain_ms: number; p99_ms: number; created: number; full: number; other: number; other_codes: string; confirmed_in_db: number; seats_taken: number }
}

export const md5uuid = (s: string) => {
  const h = createHash('md5').update(s).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

export const BOOKERS = 3000
/** Partners the spread scenario shares its sessions among. */
export const SPREAD_PARTNERS = 50
/** Bookable sessions per fixture: a seat check serialises bookings of one session, so the load goes round many. */
export const BIG_SESSIONS = 100

/** One bookable thing: a listing's plan option and one of its sessions (capacity a million). */
export interface Target {
  listingId: string
  planId: string
  sessionId: string
}

export interface Fixture {
  /** Who these customers are: ids are md5(`<prefix>-booker-<i>`), so two fixtures never collide. */
  prefix: string
  targets: Target[]
  /** A 10-seat session of the first listing, for the last-seat storm. */
  storm: Target
  tokens: string[]
  childIds: string[]
}

/**
 * Customers with a child each, and BIG_SESSIONS sessions of `partners` partners (one listing each, the sessions shared
 * out evenly): `partners: 1` puts every booking in one partner's invoice series.
 */
export async function prepareFixture(db: Db, prefix = 'bench', partners = 1): Promise<Fixture> {
  await db.execute(sql`insert into users (id, name, email, role)
    select md5(${prefix} || '-booker-' || i)::uuid, 'Booker ' || i, ${prefix} || '-booker' || i || '@bench.test', 'customer' from generate_series(1, ${BOOKERS}::int) i`)
  await db.execute(sql`insert into children (id, user_id, name, date_of_birth)
    select md5(${prefix} || '-child-' || i)::uuid, md5(${prefix} || '-booker-' || i)::uuid, 'Kid ' || i, '2018-01-01' from generate_series(1, ${BOOKERS}::int) i`)
  const tomorrow = new Date(Date.now() + 26 * 3_600_000)
  const targets: Target[] = []
  let storm: Target | undefined
  for (let p = 0; p < partners; p++) {
    const listing = await createListing(db, { title: `Bench booking class ${p + 1}`, age_min: 4, age_max: 12 })
    const plan = await createPlanOption(db, listing.id, { price: 99_900, credits_price: 1 })
    const count = Math.ceil(BIG_SESSIONS / partners)
    for (let i = 0; i < count; i++) {
      const session = await createSession(db, listing.id, new Date(tomorrow.getTime() + i * 7_200_000), { capacity: 1_000_000 })
      targets.push({ listingId: listing.id, planId: plan.id, sessionId: session.id })
    }
    if (!storm) storm = { listingId: listing.id, planId: plan.id, sessionId: (await createSession(db, listing.id, new Date(tomorrow.getTime() - 3_600_000), { capacity: 10 })).id }
  }
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, expiryHours: 24, clock: systemClock })
  const ids = Array.from({ length: BOOKERS }, (_, i) => i + 1)
  return {
    prefix,
    targets,
    storm: storm!,
    tokens: await Promise.all(ids.map((i) => tokens.issue({ id: md5uuid(`${prefix}-booker-${i}`), role: 'customer' }))),
    childIds: ids.map((i) => md5uuid(`${prefix}-child-${i}`)),
  }
}

export function bookingRequest(f: Fixture, booker: number, target: Target, key: string, extra: Record<string, unknown> = {}) {
  return {
    headers: { authorization: `Bearer ${f.tokens[booker]}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ listing_id: target.listingId, plan_option_id: target.planId, session_id: target.sessionId, child_ids: [f.childIds[booker]], ...extra }),
  }
}

export interface Throughput {
  requests_per_second: number
  p50_ms: number
  p99_ms: number
  created: number
  non_2xx: number
  errors: number
}

/** autocannon on POST /api/bookings round the fixture's sessions; within a session every request seats another child. */
export async function driveBookings(f: Fixture, baseUrl: string, settings: { connections: number; durationSeconds: number }, extra: Record<string, unknown> = {}): Promise<Throughput> {
  let k = 0
  const run = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/api/bookings',
        // round the sessions: a seat check serialises bookings of one session, by design
        setupRequest: (request) => {
          const i = k++
          const n = f.targets.length
          return { ...request, ...bookingRequest(f, Math.floor(i / n) % BOOKERS, f.targets[i % n]!, `${f.prefix}-${i}`, extra) }
        },
      },
    ],
  })
  return { requests_per_second: run.requests.average, p50_ms: run.latency.p50, p99_ms: run.latency.p99, created: run['2xx'], non_2xx: run.non2xx, errors: run.errors }
}

/** '503 OVERLOADED × 85, …': what the answers that were neither a booking nor a refusal were. */
export function otherCodes(statuses: ReadonlyArray<{ status: number; code?: string | undefined }>): string {
  const counts = new Map<string, number>()
  for (const s of statuses) counts.set(`${s.status} ${s.code ?? ''}`.trim(), (counts.get(`${s.status} ${s.code ?? ''}`.trim()) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${k} × ${n}`).join(', ')
}

/** Fires every request at once and waits for all: the statuses and how long the last one took. */
export async function storm(count: number, request: (i: number) => { headers: Record<string, string>; body: string }, baseUrl: string) {
  const started = performance.now()
  const latencies: number[] = []
  const statuses = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now()
      const req = request(i)
      const res = await fetch(`${baseUrl}/api/bookings`, { method: 'POST', headers: req.headers, body: req.body })
      const body = (await res.json()) as { code?: string }
      latencies.push(performance.now() - t0)
      return { status: res.status, code: body.code }
    }),
  )
  latencies.sort((a, b) => a - b)
  return { statuses, drain_ms: Math.round(performance.now() - started), p99_ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) }
}

/** `afterSpread` runs between the spread run and the one-partner run (the pgbench replay of a booking uses its fixture). */
export async function benchBookings(
  db: Db,
  baseUrl: string,
  settings: { connections: number; durationSeconds: number },
  afterSpread?: (f: Fixture) => Promise<void>,
): Promise<BookingBenchResult> {
  note(`bookings: preparing customers, children, ${SPREAD_PARTNERS} partners' listings and ${BIG_SESSIONS} sessions`)
  const f = await prepareFixture(db, 'bench', SPREAD_PARTNERS)
  note(`bookings: POST /api/bookings over ${SPREAD_PARTNERS} partners — ${settings.connections} connections for ${settings.durationSeconds} s`)
  const throughput = await driveBookings(f, baseUrl, settings)
  await afterSpread?.(f)
  note('bookings: preparing one partner with as many sessions')
  const one = await prepareFixture(db, 'bench-one', 1)
  note(`bookings: POST /api/bookings, all with one partner — ${settings.connections} connections for ${settings.durationSeconds} s`)
  const onePartner = await driveBookings(one, baseUrl, settings)

  note('bookings: last-seat storm — 500 parallel requests for 10 seats')
  const run = await storm(500, (i) => bookingRequest(f, i, f.storm, `storm-${i}`), baseUrl)
  const [confirmed] = await db.select({ n: count() }).from(bookings).where(and(eq(bookings.session_id, f.storm.sessionId), eq(bookings.status, 'confirmed')))
  const [session] = await db.select({ seats_taken: sessions.seats_taken }).from(sessions).where(eq(sessions.id, f.storm.sessionId))
  return {
    throughput,
    one_partner: onePartner,
    storm: {
      requests: 500,
      seats: 10,
      drain_ms: run.drain_ms,
      p99_ms: run.p99_ms,
      created: run.statuses.filter((s) => s.status === 201).length,
      full: run.statuses.filter((s) => s.status === 409).length,
      other: run.statuses.filter((s) => s.status !== 201 && s.status !== 409).length,
      other_codes: otherCodes(run.statuses.filter((s) => s.status !== 201 && s.status !== 409)),
      confirmed_in_db: confirmed?.n ?? 0,
      seats_taken: session?.seats_taken ?? 0,
    },
  }
}
