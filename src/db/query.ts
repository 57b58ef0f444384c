// Raw SQL for the queries a builder would obscure; both drivers answer with `.rows`.
import { createHash } from 'node:crypto'
import type { SQL } from 'drizzle-orm'
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core'
import type { Executor } from './database.js'

export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

export async function queryRow<T>(executor: Executor, query: SQL): Promise<T | undefined> {
  return (await queryRows<T>(executor, query))[0]
}

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => PromiseLike<T[K]> }

/**
 * Runs independent reads: side by side on the pool, one after another inside a transaction (its one connection takes
 * one query at a time; pg 8 warns about overlapping queries on a client and pg 9 refuses them).
 */
export async function readAll<T extends readonly unknown[]>(executor: Executor, ...reads: Reads<T>): Promise<T> {
  if (!(executor instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T
  const results: unknown[] = []
  for (const read of reads) results.push(await read())
  return results as unknown as T
}

const dialect = new PgDialect()

type PreparedStatement = ReturnType<Executor['_']['session']['prepareQuery']>

/**
 * A named statement built once: its SQL text is fixed and its values are drizzle placeholders (`sql.placeholder('id')`),
 * filled per call. PostgreSQL parses and plans it once per connection, then reuses the plan. Only for a query shape whose
 * generic plan is as good as a fresh one, e.g. lookups by id: parse and plan cost more than running such a query, and
 * building its SQL through drizzle on every call was a visible share of a listing page's CPU in Node. PGlite runs it as
 * an ordinary statement.
 */
export function namedStatement<T>(name: string, query: SQL): (executor: Executor, values: Record<string, unknown>) => Promise<T[]> {
  const built = dialect.sqlToQuery(query)
  // one prepared query per session (the pool's, or a transaction's): the driver keeps its connection there
  const prepared = new WeakMap<object, PreparedStatement>()
  return async (executor, values) => {
    const { session } = executor._
    let statement = prepared.get(session)
    if (!statement) prepared.set(session, (statement = session.prepareQuery(built, undefined, name, false)))
    const result = (await statement.execute(values)) as unknown as { rows: T[] }
    return result.rows
  }
}

/** Distinct statement texts prepared under a name, per process: a bound on what each connection keeps prepared. */
export const PREPARED_TEXTS_MAX = 200
const preparedNames = new Map<string, string>()

function preparedName(text: string): string | undefined {
  const known = preparedNames.get(text)
  if (known !== undefined || preparedNames.size >= PREPARED_TEXTS_MAX) return known
  const name = `rrray_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
  preparedNames.set(text, name)
  return name
}

/**
 * A raw statement sent as a named prepared statement, its name derived from its text: each connection parses it once,
 * and PostgreSQL may reuse a plan. For hot write paths whose SQL is built per call but whose text has a few fixed shapes
 * (values are always parameters), e.g. a booking's statements: parsing and planning them cost more than running them.
 * Past PREPARED_TEXTS_MAX distinct texts a statement runs unnamed, so a text that varied by mistake cannot grow every
 * connection's memory. PGlite runs it as an ordinary statement.
 */
export async function queryPreparedRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query)
  const result = (await executor._.session.prepareQuery(built, undefined, preparedName(built.sql), false).execute()) as unknown as { rows: T[] }
  return result.rows
}

export async function queryPreparedRow<T>(executor: Executor, query: SQL): Promise<T | undefined> {
  return (await queryPreparedRows<T>(executor, query))[0]
}

/** The statement texts prepared so far (tests check that a hot path's texts do not vary with its values). */
export function preparedStatementTexts(): string[] {
  return [...preparedNames.keys()]
}
