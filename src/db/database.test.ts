// The pg pool through connections cut under it (pg_terminate_backend, a server restart): errors, never a crash.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, usingPostgres } from '../../test/test-database.js'
import { isConnectionError, openDatabase, PGLITE_SHARED_BUFFERS } from './database.js'
import { queryRow } from './query.js'

describe.runIf(usingPostgres())('a connection cut while checked out', async () => {
  const database = usingPostgres() ? await createTestDatabase({ poolMax: 3 }) : undefined
  afterAll(() => database?.close())

  it('fails that transaction instead of crashing the process, and the pool serves the next query on a new connection', async () => {
    const { db } = database!
    const unhandled: unknown[] = []
    const onError = (err: unknown) => unhandled.push(err)
    process.on('uncaughtException', onError)
    try {
      const cut = db.transaction(async (tx) => {
        const me = await queryRow<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`)
        // killed between two queries of the transaction: pg emits 'error' on the checked-out client
        await queryRow(db, sql`select pg_terminate_backend(${me!.pid})`)
        await new Promise((resolve) => setTimeout(resolve, 200))
        await tx.execute(sql`select 1`)
      })
      await expect(cut).rejects.toThrow()
      expect(unhandled).toEqual([])
      expect(await queryRow<{ ok: number }>(db, sql`select 1 as ok`)).toEqual({ ok: 1 })
    } finally {
      process.off('uncaughtException', onError)
    }
  })
})

describe('isConnectionError', () => {
  it('tells a lost or refused connection from a query’s own failure', () => {
    const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
    expect(isConnectionError(withCode('terminating connection due to administrator command', '57P01'))).toBe(true)
    expect(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true)
    expect(isConnectionError(withCode('connection failure', '08006'))).toBe(true)
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isConnectionError(new Error('Failed query: commit', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true)
    expect(isConnectionError(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false)
    expect(isConnectionError(withCode('deadlock detected', '40P01'))).toBe(false)
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false)
    expect(isConnectionError('Connection terminated')).toBe(false)
  })
})

describe('the embedded engine', () => {
  it('runs with the smaller buffer cache (its 128MB default is touched at start, in this process)', async () => {
    const database = await openDatabase({})
    try {
      expect(await queryRow<{ shared_buffers: string }>(database.db, sql`show shared_buffers`)).toEqual({ shared_buffers: PGLITE_SHARED_BUFFERS })
    } finally {
      await database.close()
    }
  })
})
