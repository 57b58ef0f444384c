// Raw SQL for the queries a builder would obscure; both drivers answer with `.rows`.
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

/**
 * Like queryRows, as a named statement: PostgreSQL parses and plans it once per connection, then reuses the plan. Only
 * for a fixed text per name (one name per query shape) whose generic plan is as good as a fresh one, e.g. lookups by id;
 * parse and plan cost more than running such a query. PGlite runs it as an ordinary statement.
 */
export async function queryNamedRows<T>(executor: Executor, name: string, query: SQL): Promise<T[]> {
  const prepared = executor._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false)
  const result = (await prepared.execute()) as unknown as { rows: T[] }
  return result.rows
}
