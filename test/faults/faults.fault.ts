// npm run test:faults: two API processes (compiled, one port each) behind a round-robin balancer, on a PostgreSQL and a
// Redis of their own (temporary, so they can be killed and restarted without touching the shared servers on 5432/6379).
// First, that two processes behave as one; then a minute of mixed load through kill -9 of one and of all processes,
// cut connections, a PostgreSQL restart and a Redis outage; afterwards every invariant query holds and the API served
// again within 5 s of each fault ending.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/database.js'
import { TEST_ENV } from '../build-test-app.js'
import { razorpayEvent, razorpayTestEnv, startFakeRazorpay, type FakeRazorpay } from '../fakes/razorpay-server.js'
import { startTempPrimary } from '../support/temp-postgres.js'
import { withDatabaseName } from '../test-database-names.js'
import { deliverWebhook, eventId, newStats, once, randomIp, untilFinal } from './clients.js'
import { findViolations } from './invariants.js'
import { ApiProcess, buildOnce, freePort, migrateOnce, startBalancer, statusOf, waitFor, type Balancer } from './processes.js'
import { startTempRedis, type TempRedis } from './temp-redis.js'
import { act, book, createParents, createWorld, newLedger, runLoad, type Driver, type World } from './world.js'

const WEBHOOK_SECRET = 'whsec_faults_0123456789abcdef'
const RATE_LIMIT = 30
/** The API must serve again within this long after a fault ends. */
const RECOVERY_BOUND_MS = 5_000
const LOAD_SECONDS = Number(process.env.FAULTS_LOAD_SECONDS ?? 60)
const CLIENTS = Number(process.env.FAULTS_CLIENTS ?? 8)

let postgres: Awaited<ReturnType<typeof startTempPrimary>>
let redis: TempRedis
let razorpay: FakeRazorpay
let database: Database
let databaseUrl: string
let balancer: Balancer
let world: World
const apis: ApiProcess[] = []
const log = pino({ level: 'info', base: undefined })

beforeAll(async () => {
  buildOnce()
  ;[postgres, redis, razorpay] = await Promise.all([startTempPrimary(), startTempRedis(), startFakeRazorpay()])
  const admin = new pg.Client({ connectionString: postgres.url })
  await admin.connect()
  await admin.query('create database rrray_faults')
  await admin.end()
  databaseUrl = withDatabaseName(postgres.url, 'rrray_faults')
  // the deployment's own step: migrations once, before any API process starts
  migrateOnce(databaseUrl)
  database = await openDatabase({ url: databaseUrl, poolMax: 5 })
  world = await createWorld(database.db, { parents: 60 })

  const env = {
    LOG_LEVEL: 'warn', APP_ENV: 'dev', SEED_DEMO_DATA: 'false', WEB_CONCURRENCY: '1', SHUTDOWN_DRAIN_SECONDS: '0',
    DATABASE_URL: databaseUrl, REDIS_URL: redis.url, TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    JWT_SECRET: TEST_ENV.JWT_SECRET!, MAX_PENDING_BOOKINGS: '50', ...razorpayTestEnv(razorpay, WEBHOOK_SECRET),
  }
  for (const name of ['api-1', 'api-2']) apis.push(new ApiProcess(name, await freePort(), env))
  await Promise.all(apis.map(async (api) => {
    await api.start(120_000)
    await api.ready(120_000)
  }))
  balancer = await startBalancer(apis)
}, 240_000)

afterAll(async () => {
  await Promise.allSettled(apis.map((api) => api.stop()))
  for (const api of apis) api.killAll()
  await balancer?.close()
  await database?.close()
  await razorpay?.close()
  await redis?.stop()
  await postgres?.stop()
})

const driver = (): Driver => ({ baseUrl: balancer.url, webhook: { url: balancer.url, secret: WEBHOOK_SECRET }, razorpay, stats: newStats(), world })
const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await database.pool!.query(text, values)).rows as T[]

describe('two API processes behind a balancer behave as one', () => {
  it('a last-seat storm split across both gives exactly the seats there are', async () => {
    const d = driver()
    const [session] = await rows<{ id: string }>(
      `insert into sessions (listing_id, starts_at, ends_at, capacity) values ($1, now() + interval '4 days', now() + interval '4 days 1 hour', 10) returning id`,
      [world.listingId],
    )
    const parents = await createParents(database.db, 80, 10)
    const answers = await Promise.all(parents.map((parent, i) => book(d, parent, session!.id, { credits: i % 2 === 0 })))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(10)
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'SESSION_FULL')).toBe(true)
    expect(d.stats.unexpected).toEqual([])
    const [seats] = await rows<{ seats_taken: number; held: number }>(
      `select s.seats_taken, (select coalesce(sum(seats), 0)::int from booking_sessions where session_id = s.id and status <> 'released') as held from sessions s where s.id = $1`,
      [session!.id],
    )
    expect(seats).toEqual({ seats_taken: 10, held: 10 })
    // both processes took part
    expect(new Set([...balancer.served.keys()]).size).toBe(2)
  })

  it('the same Razorpay webhook delivered to both processes at once has one effect', async () => {
    const d = driver()
    const [parent] = await createParents(database.db, 1)
    const bought = await untilFinal(`${balancer.url}/api/subscribe-plan`, {
      method: 'POST',
      headers: { authorization: parent!.authorization, 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'x-forwarded-for': randomIp() },
      body: JSON.stringify({ plan_id: world.creditPlanId }),
    }, d.stats, [201])
    const purchaseId = (bought.body.purchase as { id: string }).id
    const orderId = (bought.body.payment as { razorpay_order_id: string }).razorpay_order_id
    const event = razorpayEvent('payment.captured', { payment: razorpay.markOrderPaid(orderId) })
    const id = eventId()
    // straight to each process, not through the balancer: both receive it at the same moment
    const outcomes = await Promise.all(apis.flatMap((api) => [0, 1, 2].map(() => deliverWebhook({ url: api.url, secret: WEBHOOK_SECRET }, event, id, d.stats))))
    expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill(200))
    expect(outcomes.map((o) => o.body.status).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'processed'])
    expect(await rows(`select entry_type, delta from credit_ledger where purchase_id = $1`, [purchaseId])).toEqual([{ entry_type: 'grant', delta: 10 }])
    expect(await rows(`select balance from wallets where user_id = $1`, [parent!.id])).toEqual([{ balance: 10 }])
    expect(await rows(`select count(*)::int as n from invoices where credit_purchase_id = $1`, [purchaseId])).toEqual([{ n: 1 }])
  })

  it('the same Idempotency-Key sent to both processes at once gives one booking', async () => {
    const d = driver()
    const [parent] = await createParents(database.db, 1)
    const key = randomUUID()
    const answers = await Promise.all(apis.flatMap((api) => [0, 1, 2, 3].map(() => book(d, parent!, world.bigSessionIds[0]!, { key, url: api.url }))))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201))
    const ids = new Set(answers.map((a) => (a.body.booking as { id: string }).id))
    expect(ids.size).toBe(1)
    // every answer carries the one Razorpay order
    expect(new Set(answers.map((a) => (a.body.payment as { razorpay_order_id: string }).razorpay_order_id)).size).toBe(1)
    expect(await rows(`select count(*)::int as n from bookings where user_id = $1`, [parent!.id])).toEqual([{ n: 1 }])
    expect(await rows(`select count(*)::int as n from payment_intents where user_id = $1`, [parent!.id])).toEqual([{ n: 1 }])
  })

  it('per-IP rate limits are shared through Redis', async () => {
    const stats = newStats()
    const ip = randomIp()
    const statuses: number[] = []
    // one at a time, so the balancer alternates between the processes
    for (let i = 0; i < RATE_LIMIT + 6; i++) statuses.push((await once(`${balancer.url}/api/categories`, { headers: { 'x-forwarded-for': ip } }, stats)).status)
    expect(statuses.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill(200))
    expect(statuses.slice(RATE_LIMIT)).toEqual(Array(6).fill(429))
    // another client is not limited by it
    expect((await once(`${balancer.url}/api/categories`, { headers: { 'x-forwarded-for': randomIp() } }, stats)).status).toBe(200)
  })
})

interface FaultRecord {
  fault: string
  /** From the fault's end (the killed processes listening again, PostgreSQL or Redis back) until the balancer answered ready. */
  serving_again_ms: number
  /** The longest stretch the API answered nothing but errors, measured by a probe every 100 ms. */
  longest_outage_ms: number
}

/** Probes the balancer's readiness every 100 ms until stopped; the longest run of failed probes is the outage. */
function probe() {
  let stopped = false
  let failingSince: number | undefined
  let longest = 0
  const done = (async () => {
    while (!stopped) {
      const ok = (await statusOf(`${balancer.url}/api/health/ready`, 2_000, { 'x-forwarded-for': randomIp() })) === 200
      const now = Date.now()
      if (ok && failingSince !== undefined) {
        longest = Math.max(longest, now - failingSince)
        failingSince = undefined
      } else if (!ok) failingSince ??= now
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return {
    async stop() {
      stopped = true
      await done
      return failingSince === undefined ? longest : Math.max(longest, Date.now() - failingSince)
    },
  }
}

/** What each process says about itself, for a failure message. */
async function processStates(): Promise<string> {
  const states = await Promise.all(apis.map(async (api) => {
    if (!api.running) return `${api.name}: not running\n${api.crashes.join('\n')}`
    const answer = await once(`${api.url}/api/health/ready`, {}, newStats())
    return `${api.name}: ${answer.status} ${JSON.stringify(answer.body)}\n${api.tail(20)}`
  }))
  return states.join('\n')
}

async function servingAgainAfter(faultEnded: number): Promise<number> {
  try {
    await waitFor(async () => (await statusOf(`${balancer.url}/api/health/ready`, 2_000, { 'x-forwarded-for': randomIp() })) === 200, 30_000, 'the API to serve again')
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await processStates()}`)
  }
  return Date.now() - faultEnded
}

describe('faults under mixed load', () => {
  it('keeps every invariant through kill -9, cut connections, a PostgreSQL restart and a Redis outage, and serves again within 5 s', async () => {
    const d = driver()
    const ledger = newLedger()
    const faults: FaultRecord[] = []
    const started = Date.now()
    let stopLoad = false
    const load = runLoad(d, ledger, CLIENTS, () => stopLoad)
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const run = async (fault: string, inject: () => Promise<void>, heal: () => Promise<void>) => {
      await pause(2_000)
      const watch = probe()
      await inject()
      await heal()
      const ended = Date.now()
      const serving_again_ms = await servingAgainAfter(ended)
      faults.push({ fault, serving_again_ms, longest_outage_ms: await watch.stop() })
      // both processes are up before the next fault
      await Promise.all(apis.map((api) => api.ready()))
      log.info(faults.at(-1), 'fault over')
    }
    const restarts: number[] = []

    for (let i = 0; i < 3; i++) {
      const victim = apis[i % 2]!
      // the survivor serves on; the fault ends when the victim's supervisor has it listening again (its boot time is reported apart)
      await run(`kill -9 ${victim.name}`, () => victim.kill9(), async () => void restarts.push(await victim.start()))
    }
    for (let i = 0; i < 3; i++) {
      await run('kill -9 every process', () => Promise.all(apis.map((api) => api.kill9())).then(() => undefined), async () => {
        restarts.push(...(await Promise.all(apis.map((api) => api.start()))))
      })
    }
    await run('pg_terminate_backend of every app connection', async () => {
      const admin = new pg.Client({ connectionString: postgres.url })
      await admin.connect()
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'rrray_faults' and pid <> pg_backend_pid()`)
      await admin.end()
    }, async () => undefined)
    await run('PostgreSQL restart', () => postgres.restart(), async () => undefined)
    await run('Redis stopped for 3 s', async () => {
      await redis.stop()
      await pause(3_000)
    }, () => redis.start())

    // the rest of the minute under load, then let the clients finish what they started
    await pause(Math.max(0, started + LOAD_SECONDS * 1000 - Date.now()))
    stopLoad = true
    await load
    // and a little steady work after the faults: the processes are sound, not just up
    const after = newLedger()
    await Promise.all(Array.from({ length: 20 }, () => act(d, after)))

    log.info({ seconds: Math.round((Date.now() - started) / 1000), counts: ledger.counts, requests: d.stats.requests, retried: d.stats.retried, timeouts: d.stats.timeouts, max_latency_ms: Math.round(d.stats.maxLatencyMs), process_restart_ms: restarts }, 'load done')
    console.table(faults)

    // nothing crashed on its own: every exit was a kill of ours
    expect(apis.flatMap((api) => api.crashes)).toEqual([])
    expect(d.stats.unexpected).toEqual([])
    expect(d.stats.timeouts).toBe(0)
    expect(faults).toHaveLength(9)
    for (const f of faults) expect(f.serving_again_ms, f.fault).toBeLessThanOrEqual(RECOVERY_BOUND_MS)
    expect(ledger.counts['bookings paid'] ?? 0).toBeGreaterThan(10)
    expect(ledger.counts['credit bookings'] ?? 0).toBeGreaterThan(10)
    expect(ledger.counts['plans bought'] ?? 0).toBeGreaterThan(5)

    // jobs the faults interrupted (refunds, hold expiries) are retried by pg-boss; give them a moment to settle
    const violations = await findViolations(databaseUrl, { keyLeaseSeconds: 60 })
    expect(violations).toEqual({ seats: [], seatedChildren: [], confirmedAndRefunded: [], wallets: [], lots: [], invoices: [], stuckKeys: [], paymentEffects: [] })

    // every payment the customers made had its effect: paid bookings confirmed (or cancelled after), purchases paid
    const bookingStates = await rows<{ id: string; status: string }>(`select id, status from bookings where id = any($1::uuid[])`, [[...ledger.paidBookings]])
    expect(bookingStates.filter((b) => b.status !== 'confirmed' && b.status !== 'cancelled')).toEqual([])
    expect(bookingStates).toHaveLength(ledger.paidBookings.size)
    const purchases = await rows<{ id: string; status: string }>(`select id, status from credit_purchases where id = any($1::uuid[])`, [[...ledger.paidPurchases]])
    expect(purchases.filter((p) => p.status !== 'paid')).toEqual([])
    // a cancelled Razorpay booking is refunded at most once, whatever was killed while the refund was under way
    const refundsPerPayment = new Map<string, number>()
    for (const refund of razorpay.refunds.values()) refundsPerPayment.set(refund.payment_id, (refundsPerPayment.get(refund.payment_id) ?? 0) + 1)
    expect([...refundsPerPayment.values()].filter((n) => n > 1)).toEqual([])
  }, 480_000)
})

describe('scheduled jobs across both processes', () => {
  it('a cron job runs once per tick, never once per process', async () => {
    // bookings.sweep-holds runs every minute: over the whole run, each minute has at most one job, and some ran
    const tickRows = () => rows<{ minute: string; jobs: number; completed: number }>(`
      select date_trunc('minute', created_on) as minute, count(*)::int as jobs, count(*) filter (where state = 'completed')::int as completed
      from pgboss.job where name = 'bookings.sweep-holds' group by 1 order by 1`)
    // a quick run can end before the schedule has fired twice (pg-boss checks its crons every 30 s, and the kills
    // restart that clock): wait for two ticks rather than hope the run lasted long enough
    const deadline = Date.now() + 150_000
    let ticks = await tickRows()
    while ((ticks.length < 2 || ticks.every((t) => t.completed === 0)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5_000))
      ticks = await tickRows()
    }
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(ticks.filter((t) => t.jobs !== 1)).toEqual([])
    expect(ticks.filter((t) => t.completed === 1).length).toBeGreaterThanOrEqual(1)
  }, 180_000)
})
