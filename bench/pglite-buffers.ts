// Experiment (not part of npm run bench): PGlite's search mix through the catalog repository, one process per
// shared_buffers setting. `tsx bench/pglite-buffers.ts seed DIR` then `tsx bench/pglite-buffers.ts run DIR 128MB`.
import { openDatabase } from '../src/db/database.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { createCatalogRepository } from '../src/modules/catalog/catalog.repository.js'
import type { SearchFilters } from './explain.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { searchMix } from './search-mix.js'
import { FULL_SIZE, seedLargeData } from './seed-large.js'

const [mode, dir, buffers] = process.argv.slice(2)
if (!dir) throw new Error('usage: seed DIR | run DIR SIZE')
const rss = () => Math.round(process.memoryUsage().rss / 1_048_576)
if (mode === 'seed') {
  const database = await openDatabase({ dataDir: dir })
  await migrateDatabase(database)
  await seedLargeData(database.db, FULL_SIZE, systemClock)
  await database.close()
} else {
  const before = rss()
  const database = await openDatabase({ dataDir: dir, ...(buffers ? { sharedBuffers: buffers } : {}) })
  const opened = rss()
  await migrateDatabase(database) // a data dir seeded before the latest migrations
  const repo = createCatalogRepository(database.db)
  const now = systemClock.now()
  const today = localDate(now, 'Asia/Kolkata')
  const mix = searchMix((n) => addDays(today, n)).filter((m) => m.driven)
  const passes: number[] = []
  for (let pass = 0; pass < 3; pass++) {
    const t = performance.now()
    for (const m of mix) await repo.searchListings({ page: 1, page_size: 20, ...m.params } as SearchFilters, now)
    passes.push(Math.round(performance.now() - t))
  }
  process.stdout.write(`${JSON.stringify({ buffers: buffers ?? 'default', searches: mix.length, pass_ms: passes, per_search_ms: +(passes[2]! / mix.length).toFixed(2), rss_mb: { before, opened, after: rss() } })}\n`)
  await database.close()
}
