// One PostgreSQL dialect, two engines: embedded PGlite in DATA_DIR when DATABASE_URL is unset, a pg Pool when it is set.
import { mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import type { ExtractTablesWithRelations, Logger } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as schema from './schema/index.js'
import { acquireDataDirLock } from './data-dir-lock.js'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** What a repository is built on: the database, or the transaction of one use case. */
export type Executor = Db | Tx

export interface Database {
  readonly db: Db
  readonly engine: 'pglite' | 'postgres'
  /** The raw PGlite instance, for dumps in tests; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined
  /** The pg pool, for work that needs one pinned connection (migration lock); undefined on PGlite. */
  readonly pool: pg.Pool | undefined
  close(): Promise<void>
}

/** `logger` sees every statement Drizzle sends (tests count a use case's round trips with it). */
export type DatabaseOptions =
  | { url: string; poolMax?: number; logger?: Logger }
  | { dataDir?: string | undefined; loadDataDir?: Blob | File | undefined; lock?: boolean; logger?: Logger; sharedBuffers?: string }

/**
 * PGlite's buffer cache. PostgreSQL's 128MB default is allocated and touched when the engine starts, inside this
 * process's WASM memory, while a page it misses is one read from the OS's file cache away: a smaller cache is most of a
 * server's resident memory saved for little time (bench/README.md, PGlite memory).
 */
export const PGLITE_SHARED_BUFFERS = '32MB'

const DATE_OID = 1082
const INT8_OID = 20

// Dates stay 'YYYY-MM-DD' strings (no timezone shift); counts fit in a JS number.
pg.types.setTypeParser(DATE_OID, (v) => v)
pg.types.setTypeParser(INT8_OID, (v) => Number(v))

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03'])
const CONNECTION_ERROR_MESSAGES = ['Connection terminated', 'Client has encountered a connection error', 'terminating connection', 'the database system is']

/**
 * A lost or refused database connection (a server restart, pg_terminate_backend, a network cut), as opposed to a query's
 * own failure: SQLSTATE class 08 and admin shutdowns (57P0x), socket errors, pg's own connection messages.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) return true
  if (CONNECTION_ERROR_MESSAGES.some((m) => err.message.includes(m))) return true
  return err.cause !== undefined && isConnectionError(err.cause)
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 })
    pool.on('error', () => undefined) // an idle client's network error must not crash the process; the next query reports it
    // a connection cut while a client is checked out between two queries (pg_terminate_backend, a server restart) makes pg
    // emit 'error' on that client with nobody listening, which would crash the process: the query in flight or the next
    // one fails instead, and the pool drops the broken client when it is released
    pool.on('connect', (client) => client.on('error', () => undefined))
    const db = drizzlePg({ client: pool, schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db
    return { db, engine: 'postgres', pglite: undefined, pool, close: () => pool.end() }
  }
  let release: (() => void) | undefined
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true })
    if (options.lock !== false) release = acquireDataDirLock(options.dataDir)
  }
  try {
    // the embedded engine is loaded only when it is used: a server on PostgreSQL never holds it
    const [{ PGlite }, { cube }, { earthdistance }, { pg_trgm }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/cube'),
      import('@electric-sql/pglite/contrib/earthdistance'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
    ])
    const client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { cube, earthdistance, pg_trgm },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? PGLITE_SHARED_BUFFERS}`],
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    })
    const db = drizzlePglite({ client, schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Db
    return {
      db,
      engine: 'pglite',
      pglite: client,
      pool: undefined,
      close: async () => {
        await client.close()
        release?.()
      },
    }
  } catch (err) {
    release?.()
    throw err
  }
}
