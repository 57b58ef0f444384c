// GET /bench/search-reference: the search mix answered the fastest way we can write by hand, as the floor /api/search
// is compared to. Same SQL on the listing_cards read model (the formulation issue 14 asks for, tuned per shape in
// src/modules/catalog/search-query.ts; q's words matched to the vocabulary first, as the app does), but: on PostgreSQL
// a named prepared statement per shape (parsed once per connection, and PostgreSQL may keep a generic plan), the query
// string read by hand with no schema validation, and the JSON written with JSON.stringify, no response schema. Same
// answers: bench/search-reference.test.ts checks.
import { createHash } from 'node:crypto'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Database } from '../src/db/database.js'
import { queryRows } from '../src/db/query.js'
import type { SearchListingsQuery } from '../src/modules/catalog/index.js'
import { toListingCard } from '../src/modules/catalog/listing-card.js'
import { searchCountStatement, searchStatement, searchTotal, type SearchRow } from '../src/modules/catalog/search-query.js'
import { queryWordsStatement, toQueryWords, type QueryWordRow } from '../src/modules/catalog/search-words.js'

const NUMBERS = new Set(['age', 'lat', 'lng', 'radius_km', 'min_price', 'max_price', 'page', 'page_size'])

/** The mix's query strings as filters, trusting them (the mix is ours): numbers, the one boolean, the rest as strings. */
export function readSearchQuery(query: Record<string, string | undefined>): SearchListingsQuery {
  const filters: Record<string, unknown> = { page: 1, page_size: 20 }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    filters[key] = NUMBERS.has(key) ? Number(value) : key === 'trial_only' ? value === 'true' : value
  }
  return filters as SearchListingsQuery
}

export type SearchReference = (query: Record<string, string | undefined>, now: Date) => Promise<string>

export function createSearchReference(database: Database): SearchReference {
  const dialect = new PgDialect()
  const pool = database.pool
  const run = async <T>(statement: ReturnType<typeof searchStatement>): Promise<T[]> => {
    if (!pool) return queryRows<T>(database.db, statement)
    const { sql: text, params } = dialect.sqlToQuery(statement)
    // one name per statement text: the same shape (filters present, sort) always builds the same text
    const name = `search_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`
    return (await pool.query<T & Record<string, unknown>>({ name, text, values: params as unknown[] })).rows
  }
  return async (query, now) => {
    const filters = readSearchQuery(query)
    const words = filters.q === undefined ? [] : toQueryWords(await run<QueryWordRow>(queryWordsStatement(filters.q)))
    const rows = await run<SearchRow>(searchStatement(filters, now, words))
    let counted = rows[0]?.counted ?? 0
    if (rows.length === 0 && filters.page > 1) counted = (await run<{ counted: number }>(searchCountStatement(filters, now, words)))[0]?.counted ?? 0
    const { total, total_capped } = searchTotal(Number(counted), filters)
    return JSON.stringify({ items: rows.map(toListingCard), total, total_capped, page: filters.page, page_size: filters.page_size })
  }
}
