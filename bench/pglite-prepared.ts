// Experiment (not part of npm run bench): would PGlite gain from prepared statements? For one search of each shape of
// the mix, on a large set seeded by `tsx bench/pglite-buffers.ts seed DIR`: the same statement sent as PGlite's query()
// sends every statement (parse, describe, bind, execute: parsed and planned each time) against `EXECUTE` of a statement
// PREPAREd once (parsed once; PostgreSQL may keep a generic plan). Median of 15 each, interleaved. `tsx bench/pglite-prepared.ts DIR`.
import { PgDialect } from 'drizzle-orm/pg-core'
import { openDatabase } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { captureStatements, searchCases, type SearchFilters } from './explain.js'
import { searchMix } from './search-mix.js'

const [dir] = process.argv.slice(2)
if (!dir) throw new Error('usage: tsx bench/pglite-prepared.ts DIR')
const database = await openDatabase({ dataDir: dir })
await migrateDatabase(database)
const pglite = database.pglite!
const dialect = new PgDialect()
const now = systemClock.now()
const cases = searchCases(searchMix((n) => addDays(localDate(now, 'Asia/Kolkata'), n))).filter((c) => !c.name.includes('not driven'))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const lines = ['| shape | query() ms | EXECUTE of a prepared statement ms | saved |', '|---|--:|--:|--:|']
let plainSum = 0
let preparedSum = 0
let n = 0
for (const c of cases) {
  // the last statement of the search (with q, the one built from q's words)
  const statements = await captureStatements(database.db, (repo) => repo.searchListings({ page: 1, page_size: 20, ...c.filters } as SearchFilters, now), true)
  const { sql: text, params } = dialect.sqlToQuery(statements.at(-1)!)
  const name = `exp_${n++}`
  await pglite.query(`prepare ${name} as ${text}`)
  // EXECUTE is a utility statement: its arguments cannot be a query's parameters, so they are written as literals
  const values = params as unknown[]
  const literal = (v: unknown) => (v === null || v === undefined ? 'null' : `'${String(v).replace(/'/g, "''")}'`)
  const execute = params.length > 0 ? `execute ${name}(${values.map(literal).join(', ')})` : `execute ${name}`
  for (let i = 0; i < 3; i++) {
    await pglite.query(text, values)
    await pglite.query(execute)
  }
  const plain: number[] = []
  const prepared: number[] = []
  for (let i = 0; i < 15; i++) {
    let t = performance.now()
    await pglite.query(text, values)
    plain.push(performance.now() - t)
    t = performance.now()
    await pglite.query(execute)
    prepared.push(performance.now() - t)
  }
  const a = median(plain)
  const b = median(prepared)
  plainSum += a
  preparedSum += b
  lines.push(`| ${c.name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${Math.round((100 * (a - b)) / a)}% |`)
}
lines.push(`| all shapes | ${plainSum.toFixed(1)} | ${preparedSum.toFixed(1)} | ${Math.round((100 * (plainSum - preparedSum)) / plainSum)}% |`)
process.stdout.write(`${lines.join('\n')}\n`)
await database.close()
