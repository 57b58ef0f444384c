// Listing pages on their own (issue 14): the large set seeded ONCE into its own database, then the compiled bench server
// driven on /api/listings/{id} and its sessions (or on the whole route list and the export, for the peak RSS), so a
// change can be compared with its baseline in one run without re-seeding.
//   tsx bench/pages.ts seed       create rrray_bench_pages and seed the large set (and the export's bookings) once
//   tsx bench/pages.ts explain    EXPLAIN (ANALYZE, BUFFERS) of both statements, with a custom and with a generic plan
//   tsx bench/pages.ts run [. | server.js …]   each server in turn (`.`, the default: this checkout's, compiled), PAGES_ROUNDS
//                                 times, with req/s and the CPU per request of the server and of PostgreSQL's backends
//   tsx bench/pages.ts drop
// PAGES_ROUTES=all drives every route of the bench and then the export (the peak RSS figure); BENCH_DURATION,
// BENCH_CONNECTIONS and BENCH_SERVER_NODE_ARGS as for npm run bench; PAGES_DATABASE_URL for another server.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase, type Db } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { queryRow, queryRows } from '../src/db/query.js'
import { createCatalogRepository } from '../src/modules/catalog/index.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { driveRoutes, fire, routeSpecs } from './drive.js'
import { benchExport, extendBookingsForExport, EXPORT_ROWS } from './export.js'
import { note } from './progress.js'
import { searchMix } from './search-mix.js'
import { FULL_SIZE, seedLargeData } from './seed-large.js'
import { compileServer, startServer } from './server-process.js'

const NAME = 'rrray_bench_pages'
const adminUrl = process.env.PAGES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const url = new URL(adminUrl)
url.pathname = `/${NAME}`
const databaseUrl = url.toString()
const PAGE_ROUTES = ['GET /bench/ok', 'GET /api/listings/{id}', 'GET /api/listings/{id}/sessions']

async function withAdmin<T>(use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    return await use(admin)
  } finally {
    await admin.end()
  }
}

async function seed(): Promise<void> {
  const exists = await withAdmin(async (admin) => (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 1)
  if (!exists) await withAdmin((admin) => admin.query(`create database ${NAME}`))
  const database = await openDatabase({ url: databaseUrl, poolMax: 4 })
  try {
    await migrateDatabase(database)
    const listings = (await queryRow<{ n: number }>(database.db, sql`select count(*)::int n from listings`))?.n ?? 0
    if (listings >= FULL_SIZE.listings) note(`${NAME} already holds ${listings} listings: not seeded again`)
    else await seedLargeData(database.db, FULL_SIZE, systemClock)
    await extendBookingsForExport(database.db, FULL_SIZE, EXPORT_ROWS)
  } finally {
    await database.close()
  }
}

async function listingIds(db: Db): Promise<string[]> {
  // the bench's own choice of 200 public listings (bench/run.ts)
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select l.id from listings l join partners p on p.id = l.partner_id
      where l.status = 'approved' and p.status = 'active' order by md5(l.id::text) limit 200`,
  )
  return rows.map((r) => r.id)
}

interface NamedStatement {
  name: string
  text: string
  params: unknown[]
}

/** The named statements the repository sends for `call`, recorded instead of sent. */
async function captureNamed(call: (repo: ReturnType<typeof createCatalogRepository>) => Promise<unknown>): Promise<NamedStatement[]> {
  const recorded: NamedStatement[] = []
  const session = {
    prepareQuery: (query: { sql: string; params: unknown[] }, _fields: unknown, name: string) => ({
      execute: async (values: Record<string, unknown> = {}) => {
        // drizzle placeholders ({ name }) are filled from the execute's values, as the driver's prepared query does
        const params = query.params.map((p) => (p !== null && typeof p === 'object' && 'name' in p ? values[(p as { name: string }).name] : p))
        recorded.push({ name, text: query.sql, params })
        return { rows: [] }
      },
    }),
  }
  await call(createCatalogRepository({ _: { session } } as unknown as Db))
  return recorded
}

async function explain(): Promise<void> {
  const database = await openDatabase({ url: databaseUrl, poolMax: 1 })
  const [id] = await listingIds(database.db)
  await database.close()
  if (!id) throw new Error(`${NAME} holds no public listing: run seed first`)
  const now = systemClock.now()
  const statements = [
    ...(await captureNamed((repo) => repo.findPublicListing(id, now))),
    ...(await captureNamed((repo) => repo.listUpcomingSessions(id, now, {}, { page: 1, page_size: 20 }))),
  ]
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    for (const s of statements) {
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await client.query(`set plan_cache_mode = ${mode}`)
        let lines: string[] = []
        const timings: string[] = []
        for (let run = 0; run < 5; run++) {
          const result = await client.query<Record<string, string>>(`explain (analyze, buffers) ${s.text}`, s.params)
          lines = result.rows.map((r) => Object.values(r)[0] ?? '')
          timings.push(lines.filter((l) => /^(Planning|Execution) Time/.test(l)).map((l) => l.replace(/ Time: /, ' ')).join(', '))
        }
        process.stdout.write(`\n== ${s.name}, ${mode} (5 runs: ${timings.join(' | ')})\n${lines.join('\n')}\n`)
      }
      // what the server chooses for the named statement on its own: after 5 custom plans, a generic one if not dearer
      await client.query('reset plan_cache_mode')
      const started = performance.now()
      for (let run = 0; run < 200; run++) await client.query({ name: s.name, text: s.text, values: s.params })
      const perRun = (performance.now() - started) / 200
      const plans = await client.query('select generic_plans, custom_plans from pg_prepared_statements where name = $1', [s.name])
      process.stdout.write(`${s.name} as a named statement, 200 runs one after another: ${perRun.toFixed(3)} ms each (round trip); plans ${JSON.stringify(plans.rows[0])}\n`)
    }
  } finally {
    await client.end()
  }
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US')

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** The CPU seconds of the server process and of the PostgreSQL backends connected to the pages database. */
async function cpuSnapshot(client: pg.Client, serverPid: number): Promise<{ node: number; postgres: Map<number, number> }> {
  const backends = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [NAME])
  return { node: cpuSeconds(serverPid), postgres: new Map(backends.rows.map((r) => [r.pid, cpuSeconds(r.pid)])) }
}

async function run(scripts: string[]): Promise<void> {
  const database = await openDatabase({ url: databaseUrl, poolMax: 1 })
  const ids = await listingIds(database.db)
  await database.close()
  if (ids.length === 0) throw new Error(`${NAME} holds no public listing: run seed first`)
  const all = process.env.PAGES_ROUTES === 'all'
  const settings = { durationSeconds: Number(process.env.BENCH_DURATION ?? 10), connections: Number(process.env.BENCH_CONNECTIONS ?? 50), quick: false }
  const rounds = Number(process.env.PAGES_ROUNDS ?? 1)
  const today = localDate(systemClock.now(), 'Asia/Kolkata')
  const mix = searchMix((n) => addDays(today, n))
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const rows: string[] = []
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const script of scripts) {
        const server = await startServer({ BENCH_SERVER_DATABASE_URL: databaseUrl }, script)
        try {
          if (all) {
            // the whole bench's routes in its order, then the export: where the peak RSS comes from
            const routes = await driveRoutes(server, ids, settings, script, mix)
            for (const r of routes)
              rows.push(`| ${round} | ${script} | ${r.route} | ${n0(r.requests_per_second)} | ${r.p50_ms} | ${r.p99_ms} | ${r.non_2xx + r.errors} | | | ${n0(r.peak_rss_mb)} | ${r.load_avg_1m.toFixed(1)} |`)
            const exported = await benchExport(server)
            rows.push(`| ${round} | ${script} | export.csv ${n0(exported.rows)} rows, ${n0(exported.rows_per_second)} rows/s | | | | | | | ${n0(exported.peak_rss_mb)} | ${loadavg()[0]!.toFixed(1)} |`)
          } else {
            for (const spec of routeSpecs(ids, mix).filter((s) => PAGE_ROUTES.includes(s.route))) {
              await fire(server.baseUrl, spec.paths, settings.connections, 1) // warm-up: JIT, plans, connections
              await server.drain()
              await server.memory(true)
              const before = await cpuSnapshot(client, server.pid)
              const result = await fire(server.baseUrl, spec.paths, settings.connections, settings.durationSeconds)
              const after = await cpuSnapshot(client, server.pid)
              const { peakRss } = await server.memory(true)
              await server.drain()
              const requests = result.requests.total
              const nodeUs = ((after.node - before.node) / requests) * 1e6
              let postgres = 0
              for (const [pid, seconds] of before.postgres) postgres += Math.max(0, (after.postgres.get(pid) ?? seconds) - seconds)
              rows.push(
                `| ${round} | ${script} | ${spec.route} | ${n0(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx + result.errors} | ` +
                  `${n0(nodeUs)} | ${n0((postgres / requests) * 1e6)} | ${n0(peakRss / 1_048_576)} | ${loadavg()[0]!.toFixed(1)} |`,
              )
            }
          }
          const { peakRss } = await server.memory(false)
          rows.push(`| ${round} | ${script} | RSS after listen / peak since the last route | | | | | | | ${n0(server.idleRss / 1_048_576)} / ${n0(peakRss / 1_048_576)} | |`)
        } finally {
          await server.stop()
        }
      }
    }
  } finally {
    await client.end()
  }
  process.stdout.write(
    `\n${settings.connections} connections × ${settings.durationSeconds} s per route, ${new Date().toISOString()}; CPU per request from /proc ` +
      '(the server process; the PostgreSQL backends of the database, 10 ms ticks)\n' +
      '| round | server | route | req/s | p50 ms | p99 ms | non-2xx + errors | Node CPU µs/req | PostgreSQL CPU µs/req | peak RSS MB | load 1m |\n' +
      '|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n' +
      `${rows.join('\n')}\n`,
  )
}

async function drop(): Promise<void> {
  await withAdmin((admin) => admin.query(`drop database if exists ${NAME} with (force)`))
  note(`dropped ${NAME}`)
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2)
  if (command === 'seed') await seed()
  else if (command === 'explain') await explain()
  // `.` is this checkout's server, compiled now; any other argument a compiled bench server (e.g. a baseline's build)
  else if (command === 'run') await run((args.length > 0 ? args : ['.']).map((a) => (a === '.' ? compileServer() : a)))
  else if (command === 'drop') await drop()
  else throw new Error('usage: tsx bench/pages.ts seed | explain | run [server.js …] | drop')
}

main().catch((err: unknown) => {
  note(`pages bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exit(1)
})
