// A small read-through cache for answers that change slowly (home feeds, categories). Per process, never for
// anything a second process must agree on: each process may serve a feed up to `ttlMs` old.
import type { Clock } from './clock.js'

export interface TtlCache<T> {
  /** The cached value for `key`, or the one `load` gives; concurrent misses for one key share a single load. */
  get(key: string, load: () => Promise<T>): Promise<T>
  /** Forgets every entry: the next read of each key loads it again (this process only). */
  clear(): void
}

export function createTtlCache<T>(options: { ttlMs: number; maxEntries: number; clock: Clock }): TtlCache<T> {
  const entries = new Map<string, { value: Promise<T>; expiresAt: number }>()
  return {
    get(key, load) {
      if (options.ttlMs <= 0) return load()
      const now = options.clock.now().getTime()
      const hit = entries.get(key)
      if (hit && hit.expiresAt > now) return hit.value
      const value = load()
      entries.delete(key) // re-insert so Map order is least-recently-loaded first
      entries.set(key, { value, expiresAt: now + options.ttlMs })
      value.catch(() => entries.delete(key)) // a failed load is not remembered
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string)
      return value
    },
    clear() {
      entries.clear()
    },
  }
}
