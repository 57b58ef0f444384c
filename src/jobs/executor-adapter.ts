// pg-boss speaks (text, values); this lets it run on our engines and inside a use case's transaction.
import { sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../db/database.js'

export interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/** Rebuilds "$1"-style text as a Drizzle query, so it runs on whatever the executor is (pool, PGlite, transaction). */
export function toDrizzleSql(text: string, values: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/)
  const chunks: SQL[] = []
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part))
    else chunks.push(sql`${values[Number(part) - 1] ?? null}`) // Drizzle drops an undefined value; SQL wants NULL
  })
  return sql.join(chunks, sql.raw(''))
}

export function executorRunner(executor: Executor): SqlRunner {
  return {
    async executeSql(text, values = []) {
      return (await executor.execute(toDrizzleSql(text, values))) as unknown as { rows: unknown[] }
    },
  }
}

/** The runner pg-boss uses for its own work: multi-statement text (its schema migrations) needs the simple protocol. */
export function databaseRunner(database: Database): SqlRunner {
  if (database.pool) {
    const pool = database.pool
    return { executeSql: (text, values) => (values?.length ? pool.query(text, values) : pool.query(text)) }
  }
  const client = database.pglite!
  return {
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values as never[])
      const results = await client.exec(text)
      return results[results.length - 1] ?? { rows: [] }
    },
  }
}

/** Runs `work` in one transaction on a runner of its own, outside Drizzle (and so outside its query logger), as pg-boss's own work is. */
export async function inRunnerTransaction<T>(database: Database, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const bound = (values: unknown[] | undefined) => (values ?? []).map((v) => v ?? null) // an undefined value is SQL's NULL
  if (!database.pool) return database.pglite!.transaction((tx) => work({ executeSql: (text, values) => tx.query(text, bound(values) as never[]) }))
  const client = await database.pool.connect()
  let broken = false
  try {
    await client.query('begin')
    const result = await work({ executeSql: (text, values) => client.query(text, bound(values)) })
    await client.query('commit')
    return result
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true // a connection that cannot roll back is not given back to the pool
    })
    throw err
  } finally {
    client.release(broken)
  }
}
