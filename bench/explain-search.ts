// `tsx bench/explain-search.ts`: EXPLAIN (ANALYZE) of one search of each shape of the mix against a large set seeded
// ONCE into a database that is kept between runs (BENCH_SEARCH_DATABASE_URL, default rrray_bench_search on the local
// server), so a change to the search SQL is measured in seconds rather than a full `npm run bench`. Migrates first, so
// a new migration is applied to the seeded set; seeds only when the database has no listings. Drop the database by
// hand when done. `--plans` prints each plan; `--shape=<name>` explains every search of one shape.
import { sql } from 'drizzle-orm'
import { loadavg } from 'node:os'
import pg from 'pg'
import { openDatabase } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { queryRow } from '../src/db/query.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { explainSearches, searchCases } from './explain.js'
import { searchMix, toQueryString } from './search-mix.js'
import { FULL_SIZE, seedLargeData } from './seed-large.js'

const out = (line: string) => process.stdout.write(`${line}\n`)

const url = new URL(process.env.BENCH_SEARCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rrray_bench_search')
const name = url.pathname.slice(1)
const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
await admin.connect()
if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database ${name}`)
await admin.end()

const database = await openDatabase({ url: url.toString(), poolMax: 2 })
try {
  await migrateDatabase(database)
  const listings = await queryRow<{ n: number }>(database.db, sql`select count(*)::int as n from listings`)
  if ((listings?.n ?? 0) === 0) await seedLargeData(database.db, FULL_SIZE, systemClock)
  const now = systemClock.now()
  const mix = searchMix((n) => addDays(localDate(now, 'Asia/Kolkata'), n))
  // --shape=<name>: every search of that shape instead of one of each
  const shape = process.argv.find((a) => a.startsWith('--shape='))?.slice('--shape='.length)
  const cases = shape === undefined ? searchCases(mix) : mix.filter((m) => m.shape === shape).map((m) => ({ name: toQueryString(m.params), filters: m.params }))
  const results = await explainSearches(database.db, now, cases)
  out(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  for (const r of results) {
    const total = r.planning_ms + r.execution_ms
    const mark = r.aim_ms === null ? ' ' : total <= r.aim_ms ? '✓' : '✗'
    out(`${mark} ${r.name.padEnd(44)} ${String(r.statements).padStart(2)} st ${r.planning_ms.toFixed(2).padStart(7)} + ${r.execution_ms.toFixed(2).padStart(8)} = ${total.toFixed(2).padStart(8)} ms  rows ${String(r.rows).padStart(3)}  ${r.indexes.join(', ')}${r.seq_scans.length ? `  seq: ${r.seq_scans.join(', ')}` : ''}`)
    if (process.argv.includes('--plans')) out(`  ${JSON.stringify(r.filters)}\n${r.plan.map((l) => `    ${l}`).join('\n')}`)
  }
} finally {
  await database.close()
}
