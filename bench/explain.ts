// EXPLAIN (ANALYZE) of the catalog's own SQL: the repository runs against a recording executor, which keeps the
// statement instead of sending it; the bench then runs it under EXPLAIN on the real database.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { queryRows } from '../src/db/query.js'
import { createCatalogRepository } from '../src/modules/catalog/index.js'
import type { SearchListingsQuery } from '../src/modules/catalog/index.js'
import { shapeSamples, type MixedSearch } from './search-mix.js'

export interface ExplainResult {
  name: string
  filters: Record<string, unknown>
  statements: number
  /** The aim for a search shape's planning + execution, in ms (issue 14); null where there is none. */
  aim_ms: number | null
  rows: number
  planning_ms: number
  execution_ms: number
  indexes: string[]
  seq_scans: string[]
  plan: string[]
}

export type SearchFilters = SearchListingsQuery

/** `run`: also send each statement and answer with its rows, for a caller whose next statement depends on them. */
/** A statement the driver was handed as text and values ($1…), as the SQL it came from. */
function fromBuilt(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/)
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)), sql``)
}

type Session = Db['_']['session']

export function recordingExecutor(db: Db, recorded: SQL[], run = false): Db {
  // named statements (queryPreparedRows) reach the driver through the session's prepareQuery, not execute
  const session = new Proxy(db._.session, {
    get(target, prop, receiver) {
      if (prop !== 'prepareQuery') return Reflect.get(target, prop, receiver) as unknown
      return (...args: Parameters<Session['prepareQuery']>) => {
        const [built] = args
        recorded.push(fromBuilt(built.sql, built.params))
        const prepared = target.prepareQuery(...args)
        return run ? prepared : { execute: async () => ({ rows: [] }) }
      }
    },
  })
  const internals = new Proxy(db._, { get: (target, prop, receiver) => (prop === 'session' ? session : (Reflect.get(target, prop, receiver) as unknown)) })
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === '_') return internals
      if (prop === 'execute') {
        return async (query: SQL) => {
          recorded.push(query)
          return run ? target.execute(query) : { rows: [] }
        }
      }
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
}

/**
 * The statements the repository runs for `call`. Not sent, unless `run`: a search with q first looks up q's words and
 * builds the search from them, so its statements are sent (and then explained).
 */
export async function captureStatements(db: Db, call: (repo: ReturnType<typeof createCatalogRepository>) => Promise<unknown>, run = false): Promise<SQL[]> {
  const recorded: SQL[] = []
  await call(createCatalogRepository(recordingExecutor(db, recorded, run)))
  return recorded
}

/** Statements explained one by one, as one result: timings summed, plans one after the other. */
function combined(name: string, parts: ExplainResult[]): ExplainResult {
  const last = parts[parts.length - 1]!
  return {
    ...last,
    name,
    statements: parts.length,
    planning_ms: parts.reduce((s, r) => s + r.planning_ms, 0),
    execution_ms: parts.reduce((s, r) => s + r.execution_ms, 0),
    indexes: [...new Set(parts.flatMap((r) => r.indexes))],
    seq_scans: [...new Set(parts.flatMap((r) => r.seq_scans))],
    plan: parts.flatMap((r) => r.plan),
  }
}

/** Issue 14: every shape of the search mix plans and runs within this. */
export const SEARCH_SHAPE_AIM_MS = 2

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/** Runs the statement under EXPLAIN (ANALYZE) `runs` times and keeps the median timings and the last plan. */
export async function explainStatement(db: Db, name: string, filters: Record<string, unknown>, statement: SQL, runs = 3): Promise<ExplainResult> {
  const planning: number[] = []
  const execution: number[] = []
  let plan: string[] = []
  for (let i = 0; i < runs; i++) {
    const rows = await queryRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${statement}`)
    plan = rows.map((r) => Object.values(r)[0] ?? '')
    const time = (label: string) => Number(plan.find((line) => line.startsWith(label))?.match(/([\d.]+) ms/)?.[1] ?? NaN)
    planning.push(time('Planning Time'))
    execution.push(time('Execution Time'))
  }
  const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/gi)].map((m) => m[1]!)))]
  const seqScans = [...new Set(plan.flatMap((line) => [...line.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!)))]
  const top = plan[0]?.match(/actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/)
  return {
    name,
    filters,
    statements: 1,
    aim_ms: null,
    rows: Number(top?.[1] ?? 0),
    planning_ms: median(planning),
    execution_ms: median(execution),
    indexes,
    seq_scans: seqScans,
    plan,
  }
}

export interface ExplainCase {
  name: string
  filters: Partial<SearchFilters>
}

/** One search of each shape of the bench's mix (bench/search-mix.ts). */
export function searchCases(mix: MixedSearch[]): ExplainCase[] {
  return shapeSamples(mix).map((m) => ({ name: m.driven ? m.shape : `${m.shape} (not driven)`, filters: m.params }))
}

/** EXPLAIN timings of the search SQL for each case (with q: q's words, then the search, summed), plus the trending feed. */
export async function explainSearches(db: Db, now: Date, cases: ExplainCase[]): Promise<ExplainResult[]> {
  const results: ExplainResult[] = []
  for (const c of cases) {
    const filters = { page: 1, page_size: 20, ...c.filters } as SearchFilters
    const statements = await captureStatements(db, (repo) => repo.searchListings(filters, now), true)
    const parts: ExplainResult[] = []
    for (const statement of statements) parts.push(await explainStatement(db, c.name, filters, statement))
    if (parts.length > 0) results.push({ ...combined(c.name, parts), aim_ms: SEARCH_SHAPE_AIM_MS })
  }
  const [trending] = await captureStatements(db, (repo) => repo.listTrending({ limit: 20 }, now))
  if (trending) results.push(await explainStatement(db, 'home/trending', { limit: 20 }, trending))
  return results
}
