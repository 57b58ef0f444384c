import { describe, expect, it } from 'vitest'
import { ManualClock } from './clock.js'
import { createTtlCache } from './ttl-cache.js'

describe('createTtlCache', () => {
  it('serves a value until it expires, then loads again', async () => {
    const clock = new ManualClock()
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 10, clock })
    let loads = 0
    const load = async () => ++loads
    expect(await cache.get('a', load)).toBe(1)
    clock.advance(999)
    expect(await cache.get('a', load)).toBe(1)
    clock.advance(1)
    expect(await cache.get('a', load)).toBe(2)
  })

  it('shares one load between concurrent misses', async () => {
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock() })
    let loads = 0
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 5))
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([1, 1, 1])
  })

  it('forgets failures and evicts the oldest key past its size', async () => {
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 2, clock: new ManualClock() })
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.get('x', async () => 'up')).toBe('up')
    await cache.get('y', async () => 'y1')
    await cache.get('z', async () => 'z1')
    expect(await cache.get('x', async () => 'reloaded')).toBe('reloaded')
  })

  it('is a pass-through when the ttl is 0', async () => {
    const cache = createTtlCache<number>({ ttlMs: 0, maxEntries: 10, clock: new ManualClock() })
    let loads = 0
    await cache.get('a', async () => ++loads)
    expect(await cache.get('a', async () => ++loads)).toBe(2)
  })

  it('loads every key again after clear', async () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000, maxEntries: 10, clock: new ManualClock() })
    let loads = 0
    const load = async () => ++loads
    await cache.get('a', load)
    await cache.get('b', load)
    cache.clear()
    expect(await cache.get('a', load)).toBe(3)
    expect(await cache.get('b', load)).toBe(4)
  })
})
