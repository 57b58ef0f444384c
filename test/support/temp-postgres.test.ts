// The temp servers themselves: a replica streams what the primary writes, and a restart keeps the data.
import { afterAll, describe, expect, it } from 'vitest'
import { canRunTempPostgres, queryServer as query, startTempPrimary, startTempReplica, type TempPostgres } from './temp-postgres.js'

const started: TempPostgres[] = []
afterAll(async () => {
  for (const server of started.reverse()) await server.stop()
})

describe.runIf(canRunTempPostgres())('temp PostgreSQL servers', () => {
  it('a replica streams the primary\'s writes and a restarted primary keeps them', async () => {
    const primary = await startTempPrimary()
    started.push(primary)
    const replica = await startTempReplica(primary)
    started.push(replica)
    expect((await query<{ r: boolean }>(replica.url, 'select pg_is_in_recovery() as r'))[0]?.r).toBe(true)
    await query(primary.url, 'create table t (n int); insert into t values (42)')
    let seen: { n: number }[] = []
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      seen = await query<{ n: number }>(replica.url, "select n from t").catch(() => [])
      if (seen.length === 0) await new Promise((r) => setTimeout(r, 100))
    }
    expect(seen).toEqual([{ n: 42 }])
    await primary.restart()
    expect(await query<{ n: number }>(primary.url, 'select n from t')).toEqual([{ n: 42 }])
  }, 120_000)
})
