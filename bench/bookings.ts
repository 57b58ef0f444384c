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
  throughput: Throughput
  storm: { requests: number; seats: number; drain_ms: number; p99_ms: number; created: number; full: number; other: number; confirmed_in_db: number; seats_taken: number }
}

export const md5uuid = (s: string) => {
  const h = createHash('md5').update(s).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

export const BOOKERS = 3000
export const BIG_SESSIONS = 5

export interface Fixture {
  /** Who these customers are: ids are md5(`<prefix>-booker-<i>`), so two fixtures never collide. */
  prefix: string
  listingId: string
  planId: string
  bigSessionIds: string[]
  stormSessionId: string
  tokens: string[]
  childIds: string[]
}

export async function prepareFixture(db: Db, prefix = 'bench'): Promise<Fixture> {
  await db.execute(sql`insert into users (id, name, email, role)
    select md5(${prefix} || '-booker-' || i)::uuid, 'Booker ' || i, ${prefix} || '-booker' || i || '@bench.test', 'customer' from generate_series(1, ${BOOKERS}::int) i`)
  await db.execute(sql`insert into children (id, user_id, name, date_of_birth)
    select md5(${prefix} || '-child-' || i)::uuid, md5(${prefix} || '-booker-' || i)::uuid, 'Kid ' || i, '2018-01-01' from generate_series(1, ${BOOKERS}::int) i`)
  const listing = await createListing(db, { title: 'Bench booking class', age_min: 4, age_max: 12 })
  const plan = await createPlanOption(db, listing.id, { price: 99_900, credits_price: 1 })
  const tomorrow = new Date(Date.now() + 26 * 3_600_000)
  const big = []
  for (let i = 0; i < BIG_SESSIONS; i++) big.push(await createSession(db, listing.id, new Date(tomorrow.getTime() + i * 7_200_000), { capacity: 1_000_000 }))
  const storm = await createSession(db, listing.id, new Date(tomorrow.getTime() + 86_400_000), { capacity: 10 })
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, expiryHours: 24, clock: systemClock })
  const ids = Array.from({ length: BOOKERS }, (_, i) => i + 1)
  return {
    prefix,
    listingId: listing.id,
    planId: plan.id,
    bigSessionIds: big.map((s) => s.id),
    stormSessionId: storm.id,
    tokens: await Promise.all(ids.map((i) => tokens.issue({ id: md5uuid(`${prefix}-booker-${i}`), role: 'customer' }))),
    childIds: ids.map((i) => md5uuid(`${prefix}-child-${i}`)),
  }
}

export function bookingRequest(f: Fixture, booker: number, sessionId: string, key: string, extra: Record<string, unknown> = {}) {
  return {
    headers: { authorization: `Bearer ${f.tokens[booker]}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ listing_id: f.listingId, plan_option_id: f.planId, session_id: sessionId, child_ids: [f.childIds[booker]], ...extra }),
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

/** autocannon on POST /api/bookings round the big sessions; within a session every request seats another child. */
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
          const session = f.bigSessionIds[i % BIG_SESSIONS]!
          return { ...request, ...bookingRequest(f, Math.floor(i / BIG_SESSIONS) % BOOKERS, session, `${f.prefix}-${i}`, extra) }
        },
      },
    ],
  })
  return { requests_per_second: run.requests.average, p50_ms: run.latency.p50, p99_ms: run.latency.p99, created: run['2xx'], non_2xx: run.non2xx, errors: run.errors }
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

export async function benchBookings(db: Db, baseUrl: string, settings: { connections: number; durationSeconds: number }): Promise<BookingBenchResult> {
  note('bookings: preparing customers, children, a listing and sessions')
  const f = await prepareFixture(db)
  note(`bookings: POST /api/bookings — ${settings.connections} connections for ${settings.durationSeconds} s`)
  const throughput = await driveBookings(f, baseUrl, settings)

  note('bookings: last-seat storm — 500 parallel requests for 10 seats')
  const run = await storm(500, (i) => bookingRequest(f, i, f.stormSessionId, `storm-${i}`), baseUrl)
  const [confirmed] = await db.select({ n: count() }).from(bookings).where(and(eq(bookings.session_id, f.stormSessionId), eq(bookings.status, 'confirmed')))
  const [session] = await db.select({ seats_taken: sessions.seats_taken }).from(sessions).where(eq(sessions.id, f.stormSessionId))
  return {
    throughput,
    storm: {
      requests: 500,
      seats: 10,
      drain_ms: run.drain_ms,
      p99_ms: run.p99_ms,
      created: run.statuses.filter((s) => s.status === 201).length,
      full: run.statuses.filter((s) => s.status === 409).length,
      other: run.statuses.filter((s) => s.status !== 201 && s.status !== 409).length,
      confirmed_in_db: confirmed?.n ?? 0,
      seats_taken: session?.seats_taken ?? 0,
    },
  }
}
