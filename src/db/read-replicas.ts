// Streaming read replicas for reads that may be a few seconds stale (the public catalog): a pg Pool per replica, a
// round-robin chooser over the healthy ones, and a background probe that measures each replica's replay lag. A replica
// that errors or lags past the maximum is skipped until the probe sees it healthy again; with none healthy the primary
// serves. Everything else (transactions, a user's own data) keeps using the primary `Db` directly.
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Db, Executor } from './database.js'
import * as schema from './schema/index.js'

export type ReadTarget = 'primary' | 'replica'
export type SkipReason = 'down' | 'lagging'

export interface ReplicaStatus {
  /** host:port/database of the replica (never its credentials). */
  name: string
  healthy: boolean
  /** Seconds of replay lag at the last probe; null when unknown (unreachable, or nothing replayed yet with WAL pending). */
  lag_seconds: number | null
}

/** Told of each read's target and of each replica passed over, for metrics. */
export interface ReadObserver {
  read(target: ReadTarget): void
  skip(replica: string, reason: SkipReason): void
}

interface Logger {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export interface ReadReplicas {
  /**
   * Runs `read` on the next healthy replica, or on the primary when there is none; a replica's connection failure
   * (or a recovery conflict) is retried once on the primary. `read` must only read: it may run twice.
   */
  run<T>(read: (executor: Executor) => Promise<T>): Promise<T>
  status(): ReplicaStatus[]
  /** Probes every replica now; the timer does the same every probe interval. */
  probe(): Promise<void>
  close(): Promise<void>
}

export interface ReadReplicaOptions {
  primary: Db
  urls: readonly string[]
  maxLagSeconds: number
  logger: Logger
  observer?: ReadObserver
  probeIntervalMs?: number
  /** A replica that does not connect or answer a probe within this is down (a blackholed host must not hang reads). */
  timeoutMs?: number
  /** A catalog read on a replica that has not answered after this fails there and runs on the primary. */
  readTimeoutMs?: number
}

interface Replica {
  name: string
  pool: pg.Pool
  db: Db
  /** False until the first probe answers: a replica is trusted only once its lag is known. */
  healthy: boolean
  lagSeconds: number | null
  reason: SkipReason
  /** The probe under way, which a second caller waits for rather than starting another. */
  probing: Promise<void> | undefined
}

// 0 when everything received is replayed (a quiet primary is not lag); else the age of the last replayed commit;
// null (unknown, skipped) when WAL waits and nothing has been replayed since the replica started. A server that is not
// in recovery (a URL to the primary itself, say) is as fresh as the primary.
const LAG_QUERY = `select case
  when not pg_is_in_recovery() then 0
  when pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() then 0
  else extract(epoch from now() - pg_last_xact_replay_timestamp())
end::float8 as lag_seconds`

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * A failure of the replica rather than of the query: no connection, a dropped one, a server shutting down or not yet
 * accepting (SQLSTATE class 08, 57P0x, 53300), or a read cancelled by a conflict with recovery (40001 on a standby).
 */
export function isReplicaFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-4]$/.test(code) || code === '53300' || code === '40001') return true
    }
    if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(e.message)) return true
  }
  return false
}

function replicaName(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return 'replica'
  }
}

/** The primary alone: what the catalog reads through when no replica is configured (and on PGlite). */
export function primaryReads(primary: Executor): ReadReplicas {
  return {
    run: (read) => read(primary),
    status: () => [],
    probe: async () => undefined,
    close: async () => undefined,
  }
}

export function openReadReplicas(options: ReadReplicaOptions): ReadReplicas {
  const { primary, maxLagSeconds, logger, observer } = options
  const timeoutMs = options.timeoutMs ?? 2_000
  const readTimeoutMs = options.readTimeoutMs ?? 10_000
  const names = options.urls.map(replicaName)
  const replicas: Replica[] = options.urls.map((url, i) => {
    // a replica that stops answering mid-read (a dead host, a cut network) fails the read after readTimeoutMs, and the
    // read is retried on the primary, instead of hanging until TCP gives up
    const pool = new pg.Pool({
      connectionString: url, max: 10, connectionTimeoutMillis: timeoutMs, idleTimeoutMillis: 10_000, query_timeout: readTimeoutMs, keepAlive: true,
    })
    pool.on('error', () => undefined) // an idle client's network error must not crash the process; the probe reports it
    // a checked-out client's connection cut between queries emits 'error' with nobody listening (see database.ts)
    pool.on('connect', (client) => client.on('error', () => undefined))
    // two URLs to one host:port/db would share a metric label; number them apart
    const name = names.indexOf(names[i] ?? '') === i ? (names[i] ?? 'replica') : `${names[i] ?? 'replica'}#${i + 1}`
    return { name, pool, db: drizzle({ client: pool, schema }) as unknown as Db, healthy: false, lagSeconds: null, reason: 'down', probing: undefined }
  })
  let next = 0

  const setHealth = (replica: Replica, healthy: boolean, reason: SkipReason, detail: object) => {
    if (replica.healthy !== healthy) {
      if (healthy) logger.info({ replica: replica.name, lag_seconds: replica.lagSeconds }, 'read replica healthy: serving catalog reads')
      else logger.warn({ replica: replica.name, reason, ...detail }, 'read replica skipped: the primary serves its reads until it recovers')
    }
    replica.healthy = healthy
    replica.reason = reason
  }

  const probeOne = (replica: Replica): Promise<void> => (replica.probing ??= measure(replica).finally(() => (replica.probing = undefined)))

  const measure = async (replica: Replica) => {
    try {
      const result = await replica.pool.query<{ lag_seconds: number | null }>({ text: LAG_QUERY, query_timeout: timeoutMs } as pg.QueryConfig)
      const lag = result.rows[0]?.lag_seconds ?? null
      replica.lagSeconds = lag === null ? null : Math.max(0, lag)
      const fresh = replica.lagSeconds !== null && replica.lagSeconds <= maxLagSeconds
      setHealth(replica, fresh, 'lagging', { lag_seconds: replica.lagSeconds, max_lag_seconds: maxLagSeconds })
    } catch (err) {
      replica.lagSeconds = null
      setHealth(replica, false, 'down', { err: (err as Error).message })
    }
  }

  const probe = async () => {
    await Promise.all(replicas.map(probeOne))
  }
  void probe()
  const timer = setInterval(() => void probe(), options.probeIntervalMs ?? 1_000)
  timer.unref() // the probe never keeps a finishing process alive

  const choose = (): Replica | undefined => {
    for (let i = 0; i < replicas.length; i++) {
      const replica = replicas[(next + i) % replicas.length]
      if (!replica) continue
      if (replica.healthy) {
        next = (next + i + 1) % replicas.length
        return replica
      }
      observer?.skip(replica.name, replica.reason)
    }
    return undefined
  }

  return {
    async run(read) {
      const replica = choose()
      if (!replica) {
        observer?.read('primary')
        return read(primary)
      }
      observer?.read('replica')
      try {
        return await read(replica.db)
      } catch (err) {
        if (!isReplicaFailure(err)) throw err
        replica.lagSeconds = null
        setHealth(replica, false, 'down', { err: (err as Error).message })
        observer?.skip(replica.name, 'down')
        observer?.read('primary')
        return read(primary)
      }
    },
    status: () => replicas.map((r) => ({ name: r.name, healthy: r.healthy, lag_seconds: r.lagSeconds })),
    probe,
    async close() {
      clearInterval(timer)
      await Promise.all(replicas.map((r) => r.pool.end()))
    },
  }
}
