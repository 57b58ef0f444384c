// npm run soak (not in CI): SOAK_MINUTES (default 10) of the fault suite's mixed load — Razorpay bookings paid by
// webhook, credit bookings, cancels, plan purchases, searches — at SOAK_RATE parent actions per second against
// SOAK_PROCESSES compiled API processes behind a round-robin balancer, on a fresh database of the PostgreSQL in
// BENCH_DATABASE_URL (default the local 5432; created and dropped) and a temporary Redis. Prints RSS and p99 per
// minute, their slopes, error counts, and the job queue depths at the end (which must return to 0).
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { openDatabase } from '../src/db/database.js'
import { TEST_ENV } from '../test/build-test-app.js'
import { razorpayTestEnv, startFakeRazorpay } from '../test/fakes/razorpay-server.js'
import { newStats, type ClientStats } from '../test/faults/clients.js'
import { ApiProcess, buildOnce, freePort, migrateOnce, startBalancer } from '../test/faults/processes.js'
import { startTempRedis } from '../test/faults/temp-redis.js'
import { act, createWorld, newLedger, type Driver } from '../test/faults/world.js'
import { withDatabaseName } from '../test/test-database-names.js'
import { note } from './progress.js'

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10)
const RATE = Number(process.env.SOAK_RATE ?? 10)
const PROCESSES = Number(process.env.SOAK_PROCESSES ?? 2)
const MAX_IN_FLIGHT = 200
const WEBHOOK_SECRET = 'whsec_soak_0123456789abcdef'

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024)
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

/** Least-squares slope of y over x = 1, 2, …: units per minute. */
function slope(ys: number[]): number {
  const n = ys.length
  if (n < 2) return 0
  const mx = (n + 1) / 2
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  ys.forEach((y, i) => {
    num += (i + 1 - mx) * (y - my)
    den += (i + 1 - mx) ** 2
  })
  return num / den
}

const errorsOf = (s: ClientStats) => Object.values(s.retried).reduce((a, b) => a + b, 0) + s.unexpected.length + s.timeouts

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `rrray_soak_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = withDatabaseName(adminUrl, name)
  const [redis, razorpay] = await Promise.all([startTempRedis(), startFakeRazorpay()])
  const apis: ApiProcess[] = []
  try {
    note('soak: build, migrations, data')
    buildOnce()
    migrateOnce(url)
    const database = await openDatabase({ url, poolMax: 4 })
    const world = await createWorld(database.db, { parents: 200 })
    const env = {
      LOG_LEVEL: 'warn', APP_ENV: 'dev', SEED_DEMO_DATA: 'false', WEB_CONCURRENCY: '1', SHUTDOWN_DRAIN_SECONDS: '0',
      DATABASE_URL: url, REDIS_URL: redis.url, TRUST_PROXY: 'true', JWT_SECRET: TEST_ENV.JWT_SECRET!, MAX_PENDING_BOOKINGS: '50',
      ...razorpayTestEnv(razorpay, WEBHOOK_SECRET),
    }
    for (let i = 0; i < PROCESSES; i++) apis.push(new ApiProcess(`api-${i + 1}`, await freePort(), env))
    await Promise.all(apis.map(async (api) => (await api.start(), await api.ready())))
    const balancer = await startBalancer(apis)
    const pids = () => apis.map((api) => api.pids.at(-1)!)

    note(`soak: ${MINUTES} min at ${RATE} actions/s over ${PROCESSES} processes`)
    const rows: Array<{ minute: number; p99_ms: number; errors: number; rss_mb: number[] }> = []
    const ledger = newLedger()
    let inFlight = 0
    let shed = 0
    for (let minute = 1; minute <= MINUTES; minute++) {
      const stats = newStats()
      stats.latencies = []
      const d: Driver = { baseUrl: balancer.url, webhook: { url: balancer.url, secret: WEBHOOK_SECRET }, razorpay, stats, world }
      const until = Date.now() + 60_000
      let actions = 0
      // open loop: actions start on the clock, whether or not earlier ones have finished (up to MAX_IN_FLIGHT)
      while (Date.now() < until) {
        if (inFlight < MAX_IN_FLIGHT) {
          inFlight++
          actions++
          void act(d, ledger).finally(() => inFlight--)
        } else shed++
        await new Promise((resolve) => setTimeout(resolve, 1000 / RATE))
      }
      const row = { minute, actions, requests: stats.requests, p99_ms: Math.round(percentile(stats.latencies, 0.99)), errors: errorsOf(stats), retried: stats.retried, timeouts: stats.timeouts, unexpected: stats.unexpected.length, rss_mb: pids().map(rssMb) }
      rows.push(row)
      process.stdout.write(`${JSON.stringify(row)}\n`)
    }
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 200))

    // queues drain: no job waiting, retrying or running (nor still in the outbox) a minute after the load stops (cron ticks come and go)
    const depth = async () =>
      (await database.pool!.query(`select name, state::text, count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now() group by 1, 2
        union all select queue, 'outbox', count(*)::int from job_outbox group by 1, 2 order by 1, 2`)).rows as Array<{ name: string; state: string; n: number }>
    const drainUntil = Date.now() + 60_000
    let queues = await depth()
    while (queues.length > 0 && Date.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      queues = await depth()
    }
    const failed = (await database.pool!.query(`select name, count(*)::int as n from pgboss.job where state = 'failed' group by 1`)).rows
    const rss = apis.map((_, i) => Math.round(slope(rows.map((r) => r.rss_mb[i]!)) * 10) / 10)
    const summary = {
      minutes: MINUTES,
      rate_per_second: RATE,
      processes: PROCESSES,
      actions_skipped_at_max_in_flight: shed,
      rss_slope_mb_per_minute: rss,
      p99_slope_ms_per_minute: Math.round(slope(rows.map((r) => r.p99_ms)) * 10) / 10,
      errors_per_minute: rows.map((r) => r.errors),
      error_slope_per_minute: Math.round(slope(rows.map((r) => r.errors)) * 10) / 10,
      counts: ledger.counts,
      queue_depth_at_end: queues,
      failed_jobs: failed,
      crashes: apis.flatMap((api) => api.crashes).length,
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    await balancer.close()
    await database.close()
  } finally {
    await Promise.allSettled(apis.map((api) => api.stop()))
    await razorpay.close()
    await redis.stop()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`soak failed: ${(err as Error).stack ?? String(err)}\n`)
    process.exit(1)
  },
)
