import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, createTestDatabaseUrl, usingPostgres } from '../../test/test-database.js'
import { openDatabase } from '../db/database.js'
import { queryRow } from '../db/query.js'
import { createJobQueue } from './job-queue.js'
import { toDrizzleSql } from './executor-adapter.js'

const database = await createTestDatabase()
const jobs = createJobQueue(database, pino({ level: 'silent' }), { background: false })
const seen: string[] = []
jobs.work<{ note: string }>('test-note', async ({ note }) => {
  if (note === 'explode') throw new Error('handler failed')
  seen.push(note)
})
await jobs.prepare()
afterAll(async () => {
  await jobs.stop()
  await database.close()
})

describe('toDrizzleSql', () => {
  it('keeps positional parameters as bound values, reused placeholders included', async () => {
    const rows = (await database.db.execute(toDrizzleSql('select $1::int + $2::int as sum, $1::text as again', [2, 3]))) as unknown as {
      rows: { sum: number; again: string }[]
    }
    expect(rows.rows[0]).toEqual({ sum: 5, again: '2' })
  })
})

describe('job queue', () => {
  it('runs a job that was sent', async () => {
    await jobs.send('test-note', { note: 'plain' })
    expect(await jobs.drain('test-note')).toBe(1)
    expect(seen).toContain('plain')
  })

  it('enqueues inside a transaction: a rolled-back change leaves no job, a committed one does', async () => {
    await database.db
      .transaction(async (tx) => {
        await jobs.send('test-note', { note: 'rolled back' }, { tx })
        await tx.execute(sql`select 1`)
        throw new Error('abort')
      })
      .catch(() => undefined)
    await database.db.transaction(async (tx) => {
      await jobs.send('test-note', { note: 'committed' }, { tx })
    })
    await jobs.drain('test-note')
    expect(seen).toContain('committed')
    expect(seen).not.toContain('rolled back')
  })

  it('refuses to enqueue inside a transaction into a queue that was never prepared', async () => {
    await expect(database.db.transaction((tx) => jobs.send('unknown-queue', {}, { tx }))).rejects.toThrow('not prepared')
  })

  it('keeps one queued job per singleton key', async () => {
    const first = await jobs.send('test-note', { note: 'once' }, { singletonKey: 'k1' })
    const second = await jobs.send('test-note', { note: 'once' }, { singletonKey: 'k1' })
    expect(first).toEqual(expect.any(String))
    expect(second).toBeNull()
    expect(await jobs.drain('test-note')).toBe(1)
  })

  it('does not run a job before its time', async () => {
    await jobs.send('test-note', { note: 'later' }, { startAfter: new Date(Date.now() + 3_600_000) })
    expect(await jobs.drain('test-note')).toBe(0)
  })

  it('reports a failing handler and keeps the job for a retry', async () => {
    await jobs.send('test-note', { note: 'explode' })
    await expect(jobs.drain('test-note')).rejects.toThrow('handler failed')
  })
})

describe('the outbox', () => {
  const outboxRows = async () => Number((await queryRow<{ n: number }>(database.db, sql`select count(*)::int as n from job_outbox`))!.n)

  it('holds jobs written by the caller’s statement until relayed, and drain() relays them first', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`with written as (${jobs.outboxSql([{ name: 'test-note', data: { note: 'from the outbox' } }])}) select 1`)
    })
    expect(await outboxRows()).toBe(1)
    expect(await jobs.drain('test-note')).toBe(1)
    expect(seen).toContain('from the outbox')
    expect(await outboxRows()).toBe(0)
  })

  it('writes nothing when the transaction rolls back or the condition fails', async () => {
    await database.db
      .transaction(async (tx) => {
        await tx.execute(jobs.outboxSql([{ name: 'test-note', data: { note: 'outbox rolled back' } }]))
        throw new Error('abort')
      })
      .catch(() => undefined)
    await database.db.execute(jobs.outboxSql([{ name: 'test-note', data: { note: 'outbox not written' } }], sql`false`))
    expect(await outboxRows()).toBe(0)
  })

  it('keeps one job per singleton key, across the outbox and send', async () => {
    const job = { name: 'test-note', data: { note: 'outbox once' }, singletonKey: 'outbox-k1' }
    await database.db.execute(jobs.outboxSql([job, job]))
    await database.db.execute(jobs.outboxSql([job]))
    expect(await jobs.relay()).toBe(3)
    expect(await jobs.send('test-note', job.data, { singletonKey: job.singletonKey })).toBeNull()
    expect(await jobs.drain('test-note')).toBe(1)
  })

  it('refuses a queue that was never prepared', () => {
    expect(() => jobs.outboxSql([{ name: 'unknown-queue', data: {} }])).toThrow('not prepared')
  })

  it('moves each row exactly once when relays run at once (several processes)', async () => {
    const many = Array.from({ length: 1200 }, (_, n) => ({ name: 'test-note', data: { note: `bulk ${n}` }, singletonKey: `bulk-${n}` }))
    await database.db.execute(jobs.outboxSql(many))
    const other = createJobQueue(database, pino({ level: 'silent' }), { background: false })
    other.work('test-note', async () => undefined)
    await other.prepare()
    const relayAll = async (queue: typeof jobs) => {
      let moved = 0
      for (let n = await queue.relay(); n > 0; n = await queue.relay()) moved += n
      return moved
    }
    const moved = await Promise.all([relayAll(jobs), relayAll(other)])
    expect(moved[0]! + moved[1]!).toBe(1200)
    expect(await outboxRows()).toBe(0)
    const queued = await queryRow<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = 'test-note' and data->>'note' like 'bulk %'`)
    expect(Number(queued!.n)).toBe(1200)
    expect(await jobs.drain('test-note')).toBe(1200)
    await other.stop()
  }, 60_000)
})

describe('workers after start()', () => {
  it('work a busy queue off at once, not one job per polling interval, and fail only the job that failed', async () => {
    const queue = createJobQueue(database, pino({ level: 'silent' }), { background: false })
    const done: number[] = []
    queue.work<{ n: number }>('test-burst', async ({ n }) => {
      if (n === 7) throw new Error('seven fails')
      done.push(n)
    })
    await queue.prepare()
    for (let n = 0; n < 30; n++) await queue.send('test-burst', { n })
    const started = Date.now()
    await queue.start()
    while (done.length < 29 && Date.now() - started < 15_000) await new Promise((resolve) => setTimeout(resolve, 50))
    await queue.stop()
    expect(done.sort((a, b) => a - b)).toEqual([...Array(30).keys()].filter((n) => n !== 7))
    // one job per two-second poll would take a minute
    expect(Date.now() - started).toBeLessThan(15_000)
    const states = await queue.stats()
    expect(states.filter((s) => s.queue === 'test-burst' && s.state === 'retry')).toEqual([{ queue: 'test-burst', state: 'retry', count: 1 }])
  }, 30_000)
})

describe.runIf(usingPostgres())('several processes preparing at once', () => {
  it('creates the same new queues from two processes’ pools at once without failing on a deadlock', async () => {
    const fresh = await createTestDatabaseUrl()
    // two API processes on one database: their own pools, the same job names, started together
    const pools = [await openDatabase({ url: fresh.url, poolMax: 4 }), await openDatabase({ url: fresh.url, poolMax: 4 })]
    try {
      const names = Array.from({ length: 8 }, (_, i) => `race-${i}`)
      const queues = pools.map((pool) => {
        const queue = createJobQueue(pool, pino({ level: 'silent' }), { background: false })
        for (const name of names) queue.work(name, async () => undefined)
        return queue
      })
      await Promise.all(queues.map((queue) => queue.prepare()))
      const created = await queryRow<{ n: number }>(pools[0]!.db, sql`select count(*)::int as n from pgboss.queue where name like 'race-%'`)
      expect(created).toEqual({ n: names.length })
      await Promise.all(queues.map((queue) => queue.stop()))
    } finally {
      await Promise.all(pools.map((pool) => pool.close()))
      await fresh.drop()
    }
  }, 60_000)
})
