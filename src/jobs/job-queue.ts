// Durable background work in PostgreSQL (pg-boss): enqueued in the same transaction as its cause, retried with
// backoff, shared by every API process. Workers and schedules run only after start().
import { createHash } from 'node:crypto'
import PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { Database, Executor } from '../db/database.js'
import { sql, type SQL } from 'drizzle-orm'
import { queryRows } from '../db/query.js'
import { databaseRunner, executorRunner, inRunnerTransaction } from './executor-adapter.js'

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists only if the change that caused it commits. */
  tx?: Executor
  startAfter?: Date
  /** At most one job per key, ever (e.g. one expiry job per booking): the key becomes the job's id. */
  singletonKey?: string
  retryLimit?: number
}

// pg-boss's own singletonKey needs a queue policy that would also cap unkeyed jobs; a deterministic id does not
function keyToJobId(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}:${key}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const DEADLOCK_DETECTED = '40P01'
/** How often an idle queue is polled, and how many due jobs one fetch takes. */
const POLL_MS = 2_000
const WORK_BATCH = 10
const STOP_TIMEOUT_MS = 5_000

/** How often an empty outbox is looked at, and how many of its rows one move takes. */
const RELAY_POLL_MS = 500
const RELAY_BATCH = 500

export type JobHandler<T> = (data: T) => Promise<void>

/** A job written into the outbox by the caller's own statement (outboxSql). */
export interface OutboxJob {
  name: string
  data: object
  /** As SendOptions.singletonKey: at most one job per key, ever. */
  singletonKey?: string
}

export interface JobQueue {
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>
  /**
   * An INSERT of jobs into the outbox (job_outbox), for the caller to run as a CTE of a statement it sends anyway (one
   * round trip fewer per job than send with `tx`); when `onlyIf` is given, only if it holds. The jobs exist exactly when
   * that statement's transaction commits, and reach pg-boss through relay().
   */
  outboxSql(jobs: readonly OutboxJob[], onlyIf?: SQL): SQL
  /** Moves up to a batch of outbox rows to pg-boss in one transaction (the insert and the delete commit together). */
  relay(): Promise<number>
  /** Keeps relaying in the background until stop(), without working any queue (start() does this too). */
  startRelay(): void
  /** Registers a handler; it starts taking jobs at start(). */
  work<T extends object>(name: string, handler: JobHandler<T>): void
  /** Runs `name` on a cron schedule (UTC) once started; one run per tick across all processes. */
  schedule(name: string, cron: string): void
  /** Installs pg-boss's schema and creates every registered queue, one at a time and outside any transaction
   * (PGlite has one connection: creating a queue from inside a transaction would wait on itself). buildApp calls it. */
  prepare(): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
  /** Runs every due job of a queue now, in this process; for tests and CLIs. Returns how many ran. */
  drain(name: string): Promise<number>
  /** Jobs per queue and state (created, retry, active, completed, failed…) across every process, for metrics. */
  stats(): Promise<Array<{ queue: string; state: string; count: number }>>
}

export function createJobQueue(
  database: Database,
  logger: FastifyBaseLogger,
  /** Maintenance and cron timers; off in tests, which drain queues themselves. */
  options: { background?: boolean } = {},
): JobQueue {
  const background = options.background ?? true
  const boss = new PgBoss({ db: databaseRunner(database), schedule: background, supervise: background, migrate: true })
  boss.on('error', (err: Error) => logger.error({ err }, 'job queue error'))
  const handlers = new Map<string, JobHandler<object>>()
  const schedules = new Map<string, string>()
  const queues = new Set<string>()
  let started: Promise<void> | undefined
  let running = false
  let relaying = false

  // pg-boss needs its schema before anything else; start() installs or upgrades it once per process
  const ready = () => (started ??= boss.start().then(() => undefined))
  async function ensureQueue(name: string) {
    await ready()
    if (queues.has(name)) return
    for (let attempt = 1; ; attempt++) {
      try {
        await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 10, retryBackoff: true })
        break
      } catch (err) {
        // processes starting together on a database without these queues deadlock attaching pg-boss's partitions;
        // PostgreSQL aborts one of them, which tries again (the queue the other made is then kept as it is)
        if ((err as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 5) throw err
        await new Promise((resolve) => setTimeout(resolve, attempt * 50 + Math.random() * 100))
      }
    }
    queues.add(name)
  }
  const loops: Promise<void>[] = []
  const sleepers = new Set<() => void>()
  /** Waits `ms`, or less if stop() wakes it. */
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      sleepers.add(wake)
    })

  /**
   * One queue's worker in this process. Not pg-boss's work(): that waits its polling interval after every batch (one
   * job per interval per queue, so a busy queue only grows) and completes jobs without awaiting the query (a database
   * restarting then is an unhandled rejection). Here every step is awaited, each job is completed or failed on its own,
   * and the next batch is fetched at once while there is work.
   */
  async function workLoop(name: string): Promise<void> {
    while (running) {
      let found = 0
      try {
        const batch = await boss.fetch<object>(name, { batchSize: WORK_BATCH })
        found = batch.length
        for (const job of batch) {
          try {
            await run(name, job.data)
            await boss.complete(name, job.id)
          } catch (err) {
            logger.warn({ err, job: name, id: job.id }, 'job failed; it will be retried')
            // if the database is gone too, the job stays active until it expires, then pg-boss retries it
            await boss.fail(name, job.id, { message: (err as Error).message }).catch(() => undefined)
          }
        }
      } catch (err) {
        logger.warn({ err, job: name }, 'could not fetch jobs; polling again')
      }
      if (found === 0 && running) await idle(POLL_MS)
    }
  }

  async function relay(): Promise<number> {
    await ready()
    return inRunnerTransaction(database, async (runner) => {
      // skip locked: each process moves other rows; a row is deleted by the transaction that inserts its job
      const { rows } = (await runner.executeSql(
        'delete from job_outbox where id in (select id from job_outbox order by id limit $1 for update skip locked) returning queue, job_id, data',
        [RELAY_BATCH],
      )) as { rows: Array<{ queue: string; job_id: string | null; data: object }> }
      if (rows.length === 0) return 0
      // pg-boss drops a job whose id it holds (a singleton key's second job), as send does
      await boss.insert(rows.map((r) => ({ name: r.queue, data: r.data, ...(r.job_id ? { id: r.job_id } : {}) })), { db: runner as PgBoss.Db })
      return rows.length
    })
  }

  async function relayLoop(): Promise<void> {
    while (running) {
      let moved = 0
      try {
        moved = await relay()
      } catch (err) {
        logger.warn({ err }, 'could not move the job outbox to pg-boss; trying again')
      }
      if (moved < RELAY_BATCH && running) await idle(RELAY_POLL_MS)
    }
  }

  async function run(name: string, data: object) {
    const handler = handlers.get(name)
    if (!handler) throw new Error(`no handler for job ${name}`)
    await handler(data)
  }

  return {
    async send(name, data, options = {}) {
      if (options.tx && !queues.has(name)) throw new Error(`job queue ${name} is not prepared: register it before buildApp returns`)
      await ensureQueue(name)
      return boss.send(name, data, {
        ...(options.tx ? { db: executorRunner(options.tx) as PgBoss.Db } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { id: keyToJobId(name, options.singletonKey) } : {}),
        ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
      })
    },
    outboxSql(jobs, onlyIf) {
      if (jobs.length === 0) throw new Error('an outbox insert needs at least one job')
      for (const job of jobs) if (!queues.has(job.name)) throw new Error(`job queue ${job.name} is not prepared: register it before buildApp returns`)
      const rows = jobs.map((job) => sql`(${job.name}::text, ${job.singletonKey ? keyToJobId(job.name, job.singletonKey) : null}::uuid, ${JSON.stringify(job.data)}::jsonb)`)
      return sql`insert into job_outbox (queue, job_id, data) select * from (values ${sql.join(rows, sql`, `)}) as job (queue, job_id, data)${onlyIf ? sql` where ${onlyIf}` : sql``}`
    },
    relay,
    startRelay() {
      if (relaying) return
      relaying = true
      running = true
      loops.push(relayLoop())
    },
    work(name, handler) {
      handlers.set(name, handler as JobHandler<object>)
    },
    schedule(name, cron) {
      schedules.set(name, cron)
    },
    async prepare() {
      await ready()
      for (const name of new Set([...handlers.keys(), ...schedules.keys()])) await ensureQueue(name)
    },
    async start() {
      await this.prepare()
      this.startRelay()
      for (const name of handlers.keys()) loops.push(workLoop(name))
      for (const [name, cron] of schedules) {
        await boss.schedule(name, cron, {}, { tz: 'UTC' })
      }
    },
    async stop() {
      if (!started) return
      await started
      const wasRunning = running
      running = false
      relaying = false
      for (const wake of sleepers) wake()
      // each loop finishes the job in hand; one that is stuck does not hold the shutdown past the limit
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())])
      loops.length = 0
      await boss.stop({ graceful: wasRunning, close: false, timeout: STOP_TIMEOUT_MS })
    },
    async stats() {
      await ready()
      const rows = await queryRows<{ queue: string; state: string; count: number }>(
        database.db,
        sql`select name as queue, state::text as state, count(*)::int as count from pgboss.job group by name, state
          union all select queue, 'outbox', count(*)::int from job_outbox group by queue order by queue, state`,
      )
      return rows.map((r) => ({ ...r, count: Number(r.count) }))
    },
    async drain(name) {
      await ensureQueue(name)
      while ((await relay()) > 0);
      let count = 0
      for (;;) {
        const jobs = await boss.fetch<object>(name, { batchSize: 50 })
        if (jobs.length === 0) return count
        for (const job of jobs) {
          try {
            await run(name, job.data)
            await boss.complete(name, job.id)
          } catch (err) {
            await boss.fail(name, job.id, { message: (err as Error).message })
            throw err
          }
          count++
        }
      }
    },
  }
}
