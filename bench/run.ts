// `npm run bench`: seeds the large data set into a fresh database (PostgreSQL and PGlite), EXPLAINs the search SQL,
// starts the app in a child process and drives its hot routes with autocannon. BENCH_QUICK=1 for a smoke run.
// Prints a table and writes bench/results/bench-<time>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase, type Database } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { queryRows } from '../src/db/query.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { driveRoutes, type RouteResult } from './drive.js'
import { explainSearches, searchCases, type ExplainResult } from './explain.js'
import { searchMix } from './search-mix.js'
import { explainAnalytics } from './explain-analytics.js'
import { note } from './progress.js'
import { FULL_SIZE, QUICK_SIZE, seedLargeData, type DataSize } from './seed-large.js'
import { startServer } from './server-process.js'
import { measureStart, type StartResult } from './start-time.js'
import { formatReport } from './report.js'
import { benchBookings, type BookingBenchResult } from './bookings.js'
import { benchCreditBookings, type CreditBookingBenchResult } from './credit-bookings.js'
import { benchExport, extendBookingsForExport, EXPORT_ROWS, QUICK_EXPORT_ROWS, type ExportBenchResult } from './export.js'
import { pgbenchScript, pgbenchTpcb, type PgbenchResult } from './pgbench.js'
import { BOOKERS } from './bookings.js'
import { createReplayTargets, dropReplayTargets, recordBooking, replayScript } from './booking-replay.js'

type Engine = 'postgres' | 'pglite'

export interface EngineResult {
  engine: Engine
  size: DataSize
  seed_seconds: number
  routes: RouteResult[]
  idle_rss_mb: number
  peak_rss_mb: number
  explain: ExplainResult[]
  /** PostgreSQL only: PGlite is one connection, so a seat race cannot happen there. */
  bookings?: BookingBenchResult
  credit_bookings?: CreditBookingBenchResult
  /** PostgreSQL only: pgbench on the same server in the same run, the floors the bookings are compared to. */
  floors?: { tpcb?: PgbenchResult; replay?: PgbenchResult }
  /** GET /api/admin/bookings/export.csv over the bookings topped up to EXPORT_ROWS. */
  /** PostgreSQL only: two production starts on the migrated database (the first also creates the job queue's tables). */
  starts?: StartResult[]
  export?: ExportBenchResult
}

export interface BenchSettings {
  quick: boolean
  /** BENCH_ONLY=bookings: migrations only (no large set, EXPLAIN, routes or export), then the booking scenarios and their floors. */
  only: 'bookings' | undefined
  durationSeconds: number
  connections: number
}

const quick = process.env.BENCH_QUICK === '1'
// BENCH_KEEP_DATABASE=1 keeps the PostgreSQL database (and the replay's targets table) to study a figure by hand afterwards
const keepDatabase = process.env.BENCH_KEEP_DATABASE === '1'
const settings: BenchSettings = {
  quick,
  only: process.env.BENCH_ONLY === 'bookings' ? 'bookings' : undefined,
  durationSeconds: Number(process.env.BENCH_DURATION ?? (quick ? 2 : 10)),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
}

function sizeFor(engine: Engine): DataSize {
  if (quick) return QUICK_SIZE
  // BENCH_PGLITE_SCALE=0.25 seeds a quarter of the set on PGlite, should the full one be too slow somewhere
  const scale = engine === 'pglite' ? Number(process.env.BENCH_PGLITE_SCALE ?? 1) : 1
  const scaled = (n: number) => Math.max(1, Math.round(n * scale))
  return {
    ...FULL_SIZE,
    users: scaled(FULL_SIZE.users),
    partners: scaled(FULL_SIZE.partners),
    venues: scaled(FULL_SIZE.venues),
    listings: scaled(FULL_SIZE.listings / 1000) * 1000,
    bookings: scaled(FULL_SIZE.bookings / 10_000) * 10_000,
  }
}

/** Seeds, EXPLAINs and picks listing ids on an open database, then closes it so the server process can open it. */
async function prepare(database: Database, size: DataSize): Promise<{ seconds: number; explain: ExplainResult[]; listingIds: string[] }> {
  try {
    await migrateDatabase(database)
    if (settings.only === 'bookings') return { seconds: 0, explain: [], listingIds: [] }
    const seconds = await seedLargeData(database.db, size, systemClock)
    await extendBookingsForExport(database.db, size, quick ? QUICK_EXPORT_ROWS : EXPORT_ROWS)
    const now = systemClock.now()
    const today = localDate(now, 'Asia/Kolkata')
    note('explain: running the search SQL under EXPLAIN (ANALYZE)')
    const explain = await explainSearches(database.db, now, searchCases(searchMix((n) => addDays(today, n))))
    note('explain: running the admin dashboard and analytics SQL under EXPLAIN (ANALYZE)')
    explain.push(...(await explainAnalytics(database.db, systemClock)))
    const ids = await queryRows<{ id: string }>(
      database.db,
      sql`select l.id from listings l join partners p on p.id = l.partner_id
        where l.status = 'approved' and p.status = 'active' order by md5(l.id::text) limit 200`,
    )
    return { seconds, explain, listingIds: ids.map((r) => r.id) }
  } finally {
    await database.close()
  }
}

async function benchPostgres(): Promise<EngineResult> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `rrray_bench_${process.pid}`
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  note(`postgres: created database ${name}`)
  try {
    const size = sizeFor('postgres')
    const prepared = await prepare(await openDatabase({ url: url.toString(), poolMax: 4 }), size)
    note('postgres: starting the production server twice, to time its start and read its idle memory')
    const starts = [await measureStart(url.toString()), await measureStart(url.toString())]
    return { ...(await measure('postgres', size, prepared, { BENCH_SERVER_DATABASE_URL: url.toString() }, { url: url.toString(), adminUrl })), starts }
  } finally {
    if (keepDatabase) note(`postgres: kept database ${name} (BENCH_KEEP_DATABASE=1; drop it by hand)`)
    else {
      await admin.query(`drop database if exists ${name} with (force)`).catch((err: unknown) => note(`could not drop ${name}: ${String(err)}`))
      note(`postgres: dropped database ${name}`)
    }
    await admin.end()
  }
}

async function benchPglite(): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rrray-bench-'))
  const dataDir = join(dir, 'data')
  try {
    const size = sizeFor('pglite')
    const prepared = await prepare(await openDatabase({ dataDir }), size)
    return await measure('pglite', size, prepared, { BENCH_SERVER_DATA_DIR: dataDir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measure(
  engine: Engine,
  size: DataSize,
  prepared: { seconds: number; explain: ExplainResult[]; listingIds: string[] },
  env: Record<string, string>,
  postgres?: { url: string; adminUrl: string },
): Promise<EngineResult> {
  note(`${engine}: starting the server process`)
  const server = await startServer(env)
  try {
    const bookingsOnly = settings.only === 'bookings'
    const today = localDate(systemClock.now(), 'Asia/Kolkata')
    const routes = bookingsOnly ? [] : await driveRoutes(server, prepared.listingIds, settings, engine, searchMix((n) => addDays(today, n)))
    const exportResult = bookingsOnly ? undefined : await benchExport(server).catch((err: unknown) => void note(`export bench failed: ${String(err)}`))
    let bookingResult: BookingBenchResult | undefined
    let creditResult: CreditBookingBenchResult | undefined
    let tpcb: PgbenchResult | undefined
    let floors: EngineResult['floors']
    if (postgres) {
      tpcb = await pgbenchTpcb(postgres.adminUrl, { clients: settings.connections, seconds: settings.durationSeconds }).catch((err: unknown) => void note(`pgbench TPC-B failed: ${String(err)}`))
      const db = await openDatabase({ url: postgres.url, poolMax: 2 })
      try {
        let replay: PgbenchResult | undefined
        bookingResult = await benchBookings(db.db, server.baseUrl, settings, async (f) => {
          await server.drain()
          try {
            // the last customer has booked nothing yet (the run goes round the sessions, a customer per round)
            await createReplayTargets(db.db, f)
            const recorded = await recordBooking(db.db, server, f, BOOKERS - 1)
            const script = replayScript(f, recorded, settings.connections)
            mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
            writeFileSync(new URL('./results/booking-replay.sql', import.meta.url), script)
            note(`pgbench: replaying the ${recorded.statements.length} statements of a booking, ${settings.connections} clients for ${settings.durationSeconds} s`)
            replay = await pgbenchScript(postgres.url, script, { clients: settings.connections, seconds: settings.durationSeconds, variables: { n: 0 } })
          } catch (err) {
            note(`pgbench replay failed: ${err instanceof Error ? err.message : String(err)}`)
          } finally {
            if (!keepDatabase) await dropReplayTargets(db.db)
          }
        })
        floors = { ...(tpcb ? { tpcb } : {}), ...(replay ? { replay } : {}) }
        creditResult = await benchCreditBookings(db.db, server.baseUrl, settings)
      } finally {
        await db.close()
      }
    }
    const memory = await server.memory(false)
    return {
      ...(bookingResult ? { bookings: bookingResult } : {}),
      ...(creditResult ? { credit_bookings: creditResult } : {}),
      ...(exportResult ? { export: exportResult } : {}),
      ...(floors ? { floors } : {}),
      engine,
      size,
      seed_seconds: prepared.seconds,
      routes,
      idle_rss_mb: server.idleRss / 1_048_576,
      peak_rss_mb: Math.max(memory.peakRss, ...routes.map((r) => r.peak_rss_mb * 1_048_576)) / 1_048_576,
      explain: prepared.explain,
    }
  } finally {
    await server.stop()
  }
}

async function main(): Promise<void> {
  const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as Engine[]
  const results: EngineResult[] = []
  for (const engine of engines) {
    note(`\n== ${engine}${quick ? ' (BENCH_QUICK: small data, short runs)' : ''} ==`)
    try {
      results.push(engine === 'postgres' ? await benchPostgres() : await benchPglite())
    } catch (err) {
      note(`${engine}: bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    }
  }
  const startedAt = new Date().toISOString()
  process.stdout.write(formatReport(results, settings))
  const dir = new URL('./results/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  const file = new URL(`bench-${startedAt.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`, dir)
  writeFileSync(file, JSON.stringify({ date: startedAt, node: process.version, settings, results }, null, 2))
  note(`results written to ${file.pathname}`)
  if (results.length < engines.length) process.exitCode = 1
}

main().catch((err: unknown) => {
  note(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exit(1)
})
