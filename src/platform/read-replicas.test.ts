// Read replicas against a real streaming replica (temp PostgreSQL primary + replica): the public catalog is served by
// the replica, a user's own writes and every other route by the primary; a replica that lags past the maximum or stops
// is skipped with no 5xx, and serves again once it recovers. PostgreSQL only (the temp servers need its binaries).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createUser, createVenue } from '../../test/factories.js'
import { canRunTempPostgres, freePort, queryServer, startTempPrimary, startTempReplica, type TempPostgres } from '../../test/support/temp-postgres.js'
import { usingPostgres } from '../../test/test-database.js'
import { sql } from 'drizzle-orm'
import { openDatabase, type Database } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'
import { queryRows } from '../db/query.js'
import { isReplicaFailure, openReadReplicas } from '../db/read-replicas.js'

const METRICS_TOKEN = 'replica-test-metrics-token'
const enabled = usingPostgres() && canRunTempPostgres()

interface Cluster {
  primary: TempPostgres
  replica: TempPostgres
  /** A second replica, for round-robin between two. */
  second: TempPostgres
  database: Database
}

async function startCluster(): Promise<Cluster> {
  const started: TempPostgres[] = []
  try {
    const primary = await startTempPrimary()
    started.push(primary)
    // one base backup at a time: two at once can find their start segment already recycled by the other's checkpoint
    const replica = await startTempReplica(primary)
    started.push(replica)
    const second = await startTempReplica(primary)
    started.push(second)
    const database = await openDatabase({ url: primary.url, poolMax: 10 })
    // migrated after the replicas started, so they replay them by streaming and have a replay timestamp to measure lag by
    await migrateDatabase(database).catch(async (err: unknown) => {
      await database.close()
      throw err
    })
    return { primary, replica, second, database }
  } catch (err) {
    // a failed start leaves no server behind
    for (const server of started.reverse()) await server.stop()
    throw err
  }
}

// the servers outlive the apps: this afterAll is registered first, so it runs after the apps' own (hooks run as a stack)
const cluster = enabled ? await startCluster() : undefined
afterAll(async () => {
  await cluster?.database.close()
  await cluster?.replica.stop()
  await cluster?.second.stop()
  await cluster?.primary.stop()
}, 60_000)

const appOn = (c: Cluster, maxLagSeconds: number, replicas = [c.replica]) =>
  buildTestApp({
    database: c.database,
    env: { DATABASE_URL: c.primary.url, DATABASE_REPLICA_URLS: replicas.map((r) => r.url).join(','), REPLICA_MAX_LAG_SECONDS: String(maxLagSeconds), METRICS_TOKEN },
  })
// `tolerant` lets a replica fall seconds behind (replay paused for a test); `strict` skips it after one second
const tolerant = cluster ? await appOn(cluster, 60) : undefined
const strict = cluster ? await appOn(cluster, 1) : undefined
const pair = cluster ? await appOn(cluster, 60, [cluster.replica, cluster.second]) : undefined

const onServer = queryServer

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

interface Ready {
  statusCode: number
  status: string
  replicas: Array<{ name: string; healthy: boolean; lag_seconds: number | null }>
}
async function readiness(ctx: TestContext): Promise<Ready> {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/health/ready' })
  const body = res.json() as Omit<Ready, 'statusCode'>
  return { statusCode: res.statusCode, ...body }
}
const replicaHealthy = (ctx: TestContext, healthy: boolean) =>
  waitFor(`replica healthy=${healthy}`, () => readiness(ctx), (r) => r.replicas[0]?.healthy === healthy, 15_000)

/** A counter's value from GET /metrics, summed over the series whose labels include `labels`. */
async function counter(ctx: TestContext, name: string, labels: string): Promise<number> {
  const res = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  expect(res.statusCode).toBe(200)
  return res.body
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0)
}

async function searchTotal(ctx: TestContext, categorySlug: string): Promise<number> {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/search?category=${categorySlug}` })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { total: number }).total
}

/** Waits until the replica has replayed everything the primary has committed so far (the insert position: with
 * synchronous_commit off a commit may not be written yet). */
async function replicaCaughtUp(c: Cluster, replica = c.replica): Promise<void> {
  const [{ lsn } = { lsn: '' }] = await onServer<{ lsn: string }>(c.primary.url, 'select pg_current_wal_insert_lsn()::text as lsn')
  await waitFor('replay to catch up', () => onServer<{ ok: boolean }>(replica.url, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`), (rows) => rows[0]?.ok === true)
}

function setup() {
  if (!cluster || !tolerant || !strict || !pair) throw new Error('read replica tests need PostgreSQL and its binaries')
  return { c: cluster, fresh: tolerant, lagSensitive: strict, pair, db: cluster.database.db }
}

describe.runIf(enabled)('read replicas (a real streaming replica)', () => {

  it('serves the public catalog from the replica while the writer and partner reads see the primary', async () => {
    const { c, fresh, db } = setup()
    const ready = await replicaHealthy(fresh, true)
    expect(ready).toMatchObject({ statusCode: 200, status: 'ready', replicas: [{ name: `127.0.0.1:${c.replica.port}/postgres`, healthy: true }] })
    expect(await counter(fresh, 'db_replica_healthy', `replica="127.0.0.1:${c.replica.port}/postgres"`)).toBe(1)
    expect(await counter(fresh, 'db_replica_lag_seconds', `replica="127.0.0.1:${c.replica.port}/postgres"`)).toBeLessThan(60)
    const partner = await createPartner(db)
    const venue = await createVenue(db, partner.id)
    const category = await createCategory(db)
    const owner = { id: partner.user_id, role: 'partner' as const }
    const admin = await createUser(db, { role: 'admin' })
    await replicaCaughtUp(c)

    await onServer(c.replica.url, 'select pg_wal_replay_pause()')
    try {
      const created = await fresh.app.inject({
        method: 'POST', url: '/api/partners/listings', headers: await authHeader(owner, fresh.clock),
        payload: { title: 'Pottery for juniors', category: category.slug, venue_id: venue.id, type: 'class', age_min: 6, age_max: 11, price: 120_000 },
      })
      expect(created.statusCode, created.body).toBe(201)
      const { id } = created.json() as { id: string }
      expect((await fresh.app.inject({ method: 'POST', url: `/api/partners/listings/${id}/submit`, headers: await authHeader(owner, fresh.clock) })).statusCode).toBe(200)
      expect((await fresh.app.inject({ method: 'POST', url: `/api/admin/listings/${id}/approve`, headers: await authHeader(admin, fresh.clock) })).statusCode).toBe(200)
      // the partner's own read is on the primary: the approval is there
      const own = await fresh.app.inject({ method: 'GET', url: `/api/partners/listings/${id}`, headers: await authHeader(owner, fresh.clock) })
      expect(own.statusCode).toBe(200)
      expect(own.json()).toMatchObject({ id, status: 'approved' })

      // the public catalog reads the paused replica, which has not replayed any of it
      const replicaReadsBefore = await counter(fresh, 'db_reads_total', 'target="replica"')
      expect(await searchTotal(fresh, category.slug)).toBe(0)
      expect((await fresh.app.inject({ method: 'GET', url: `/api/listings/${id}` })).statusCode).toBe(404)
      expect((await fresh.app.inject({ method: 'GET', url: `/api/listings/${id}/sessions` })).statusCode).toBe(404)
      expect(await counter(fresh, 'db_reads_total', 'target="replica"')).toBe(replicaReadsBefore + 3)

      await onServer(c.replica.url, 'select pg_wal_replay_resume()')
      await waitFor('the listing on the replica', () => searchTotal(fresh, category.slug), (total) => total === 1, 5_000)
      const detail = await fresh.app.inject({ method: 'GET', url: `/api/listings/${id}` })
      expect(detail.statusCode).toBe(200)
      expect(detail.json()).toMatchObject({ id, title: 'Pottery for juniors' })
    } finally {
      await onServer(c.replica.url, 'select pg_wal_replay_resume()')
    }
  }, 30_000)

  it('skips a replica lagging past REPLICA_MAX_LAG_SECONDS: the primary serves until it catches up', async () => {
    const { c, fresh, lagSensitive, db } = setup()
    await replicaHealthy(lagSensitive, true)
    const category = await createCategory(db)
    await replicaCaughtUp(c)
    await onServer(c.replica.url, 'select pg_wal_replay_pause()')
    try {
      await createListing(db, { category_id: category.id })
      const ready = await replicaHealthy(lagSensitive, false)
      // readiness reports the lagging replica and stays ready: the primary serves its reads
      expect(ready).toMatchObject({ statusCode: 200, status: 'ready' })
      expect(ready.replicas[0]?.lag_seconds).toBeGreaterThan(1)

      const skipsBefore = await counter(lagSensitive, 'db_replica_skips_total', 'reason="lagging"')
      const primaryReadsBefore = await counter(lagSensitive, 'db_reads_total', 'target="primary"')
      expect(await searchTotal(lagSensitive, category.slug)).toBe(1)
      expect(await counter(lagSensitive, 'db_replica_skips_total', 'reason="lagging"')).toBe(skipsBefore + 1)
      expect(await counter(lagSensitive, 'db_reads_total', 'target="primary"')).toBe(primaryReadsBefore + 1)
      // an app that tolerates the lag still reads the replica, which has not replayed the listing
      expect(await searchTotal(fresh, category.slug)).toBe(0)
    } finally {
      await onServer(c.replica.url, 'select pg_wal_replay_resume()')
    }
    await replicaHealthy(lagSensitive, true)
    const replicaReadsBefore = await counter(lagSensitive, 'db_reads_total', 'target="replica"')
    expect(await searchTotal(lagSensitive, category.slug)).toBe(1)
    expect(await counter(lagSensitive, 'db_reads_total', 'target="replica"')).toBe(replicaReadsBefore + 1)
  }, 30_000)

  it('skips a stopped replica with no 5xx, and reads from it again once it is back', async () => {
    const { c, fresh, db } = setup()
    await replicaHealthy(fresh, true)
    const category = await createCategory(db)
    await createListing(db, { category_id: category.id })
    await replicaCaughtUp(c)
    const downBefore = await counter(fresh, 'db_replica_skips_total', 'reason="down"')

    await c.replica.halt()
    // the first reads still pick the replica (marked healthy until they fail) and are retried on the primary
    const answers = await Promise.all(Array.from({ length: 20 }, () => fresh.app.inject({ method: 'GET', url: `/api/search?category=${category.slug}` })))
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 20 }, () => 200))
    expect(answers.map((a) => (a.json() as { total: number }).total)).toEqual(Array.from({ length: 20 }, () => 1))
    const ready = await replicaHealthy(fresh, false)
    expect(ready).toMatchObject({ statusCode: 200, status: 'ready', replicas: [{ healthy: false, lag_seconds: null }] })
    expect(await counter(fresh, 'db_replica_skips_total', 'reason="down"')).toBeGreaterThan(downBefore)
    const primaryReadsBefore = await counter(fresh, 'db_reads_total', 'target="primary"')
    expect(await searchTotal(fresh, category.slug)).toBe(1)
    expect(await counter(fresh, 'db_reads_total', 'target="primary"')).toBe(primaryReadsBefore + 1)

    await c.replica.start()
    await replicaHealthy(fresh, true)
    const replicaReadsBefore = await counter(fresh, 'db_reads_total', 'target="replica"')
    expect(await searchTotal(fresh, category.slug)).toBe(1)
    expect(await counter(fresh, 'db_reads_total', 'target="replica"')).toBe(replicaReadsBefore + 1)
  }, 45_000)

  it('takes turns between healthy replicas', async () => {
    const { c, pair, db } = setup()
    await waitFor('both replicas healthy', () => readiness(pair), (r) => r.replicas.length === 2 && r.replicas.every((x) => x.healthy), 15_000)
    const category = await createCategory(db)
    await Promise.all([replicaCaughtUp(c, c.replica), replicaCaughtUp(c, c.second)])
    await onServer(c.second.url, 'select pg_wal_replay_pause()')
    try {
      await createListing(db, { category_id: category.id })
      await replicaCaughtUp(c, c.replica)
      // one replica has the listing and the other has not: answers alternate
      const totals: number[] = []
      for (let i = 0; i < 4; i++) totals.push(await searchTotal(pair, category.slug))
      expect([[1, 0, 1, 0], [0, 1, 0, 1]]).toContainEqual(totals)
    } finally {
      await onServer(c.second.url, 'select pg_wal_replay_resume()')
    }
  }, 30_000)

  it('tells a replica failure (retried on the primary) from a failing query (answered as it is)', async () => {
    const { c } = setup()
    const refused = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/postgres` })
    expect(isReplicaFailure(await refused.connect().then(() => undefined, (err: unknown) => err))).toBe(true)
    const nowhere = await openDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/postgres`, poolMax: 1 })
    try {
      // drizzle wraps the driver's error; the cause still tells
      expect(isReplicaFailure(await nowhere.db.execute(sql`select 1`).then(() => undefined, (err: unknown) => err))).toBe(true)
    } finally {
      await nowhere.close()
    }
    expect(isReplicaFailure(await c.database.db.execute(sql`select * from no_such_table`).then(() => undefined, (err: unknown) => err))).toBe(false)
    // a session ended by the server (as on a replica's shutdown) is a failure of the replica
    const victim = new pg.Client({ connectionString: c.replica.url })
    victim.on('error', () => undefined)
    await victim.connect()
    const [{ pid } = { pid: 0 }] = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows
    await onServer(c.replica.url, `select pg_terminate_backend(${pid})`)
    expect(isReplicaFailure(await victim.query('select 1').then(() => undefined, (err: unknown) => err))).toBe(true)
    await victim.end().catch(() => undefined)
  }, 30_000)

  it('gives up on a replica that stops answering mid-read and answers from the primary', async () => {
    const { c, db } = setup()
    const events: string[] = []
    const replicas = openReadReplicas({
      primary: db, urls: [c.second.url], maxLagSeconds: 60, timeoutMs: 500, readTimeoutMs: 500, probeIntervalMs: 60_000,
      logger: { warn: () => undefined, info: () => undefined },
      observer: { read: (target) => events.push(target), skip: (_replica, reason) => events.push(`skip:${reason}`) },
    })
    // the server and its sessions frozen (SIGSTOP): connections stay open, nothing answers, as with a dead host
    const postmaster = Number(readFileSync(join(c.second.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const processes = () => [postmaster, ...execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)]
    try {
      await replicas.probe()
      expect(replicas.status()).toMatchObject([{ healthy: true }])
      // a pooled connection is open before the freeze, so the read waits on a live socket rather than a connect
      expect(await replicas.run((executor) => queryRows(executor, sql`select pg_is_in_recovery() as standby`))).toEqual([{ standby: true }])
      for (const pid of processes()) process.kill(pid, 'SIGSTOP')
      const started = performance.now()
      const rows = await replicas.run((executor) => queryRows(executor, sql`select pg_is_in_recovery() as standby`))
      expect(rows).toEqual([{ standby: false }])
      expect(performance.now() - started).toBeLessThan(3_000)
      expect(events).toEqual(['replica', 'replica', 'skip:down', 'primary'])
      expect(replicas.status()).toMatchObject([{ healthy: false, lag_seconds: null }])
    } finally {
      for (const pid of processes()) process.kill(pid, 'SIGCONT')
      await replicas.close()
    }
  }, 30_000)
})
