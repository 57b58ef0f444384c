import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/database.js'
import { createDatabaseProbe } from './database-probe.js'

/** A database whose `execute` is counted and can be made to fail or hang. */
function countingDatabase() {
  const state = { calls: 0, fail: false, release: undefined as (() => void) | undefined, hold: false }
  const database = {
    db: {
      execute: () => {
        state.calls++
        if (state.hold) return new Promise<void>((resolve) => (state.release = resolve))
        return state.fail ? Promise.reject(new Error('down')) : Promise.resolve()
      },
    },
  } as unknown as Database
  return { database, state }
}

describe('the database probe behind /api/health', () => {
  it('queries once for many polls within its age, then again once it is stale', async () => {
    const { database, state } = countingDatabase()
    let clock = 0
    const probe = createDatabaseProbe(database, 2_000, () => clock)
    expect(await probe.reachable()).toBe(true)
    for (let i = 0; i < 100; i++) expect(await probe.reachable()).toBe(true)
    expect(state.calls).toBe(1)
    clock = 2_001
    state.fail = true
    // a stale answer is served while one refresh runs; the refresh's answer is served next
    expect(await probe.reachable()).toBe(true)
    await Promise.resolve()
    expect(await probe.reachable()).toBe(false)
    expect(state.calls).toBe(2)
  })

  it('runs one probe at a time however many callers wait for the first answer', async () => {
    const { database, state } = countingDatabase()
    state.hold = true
    const probe = createDatabaseProbe(database, 2_000, () => 0)
    const answers = Promise.all(Array.from({ length: 20 }, () => probe.reachable()))
    state.release?.()
    expect(await answers).toEqual(Array(20).fill(true))
    expect(state.calls).toBe(1)
  })
})
