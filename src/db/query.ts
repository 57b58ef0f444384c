// Raw SQL for the queries a builder would obscure; both drivers answer with `.rows`.
import type { SQL } from 'drizzle-orm'
import type { Executor } from './database.js'

export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

export async function queryRow<T>(executor: Executor, query: SQL): Promise<T | undefined> {
  return (await queryRows<T>(executor, query))[0]
}
