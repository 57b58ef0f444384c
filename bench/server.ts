// The bench's server process: the production app (buildApp) plus the reference routes that only this build has.
// Started by bench/run.ts with an IPC channel: it reports its port, and its peak RSS when asked.
import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/database.js'
import { createProviders } from '../src/integrations/index.js'
import { createJobQueue } from '../src/jobs/job-queue.js'
import { createCatalogRepository } from '../src/modules/catalog/index.js'
import { systemClock } from '../src/shared/clock.js'
import { uuidGenerator } from '../src/shared/ids.js'
import { createSearchReference } from './search-reference.js'
import { BENCH_JWT_SECRET, REFERENCE_SEARCH, type ParentMessage, type RecordedStatement, type ServerMessage } from './protocol.js'

async function main(): Promise<void> {
  const send = (message: ServerMessage) => process.send?.(message)
  const env = {
    APP_ENV: 'test',
    LOG_LEVEL: 'warn',
    JWT_SECRET: BENCH_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
    SEED_DEMO_DATA: 'false',
    // a busy shared machine would shed requests at random (fast 503s that flatter a route's req/s); the bench measures
    // how fast routes answer, so shedding is off as in the tests unless BENCH_LOAD_SHED_EVENT_LOOP_DELAY_MS says otherwise
    LOAD_SHED_EVENT_LOOP_DELAY_MS: process.env.BENCH_LOAD_SHED_EVENT_LOOP_DELAY_MS ?? '0',
    // the pool as the app would size it (DATABASE_POOL_MAX, default 10) unless the bench is told otherwise
    ...(process.env.DATABASE_POOL_MAX ? { DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX } : {}),
    ...(process.env.BENCH_SERVER_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_SERVER_DATABASE_URL } : { DATA_DIR: process.env.BENCH_SERVER_DATA_DIR ?? '' }),
  }
  const config = loadConfig(env, 'bench')
  // the statements of one request, for the pgbench replay of a booking (bench/booking-replay.ts)
  let recorded: RecordedStatement[] | undefined
  const logger = { logQuery: (query: string, params: unknown[]) => void recorded?.push({ query, params }) }
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, poolMax: config.databasePoolMax, logger } : { dataDir: config.dataDir, logger })
  // the job workers are not started: the bench measures request handling alone; but the outbox is moved to pg-boss as in
  // production, so a booking's jobs are still paid for (their insert, batched, instead of two round trips per booking)
  const jobs = createJobQueue(database, pino({ level: 'warn' }), { background: false })
  const app = await buildApp({
    config, database, jobs, clock: systemClock, ids: uuidGenerator, providers: createProviders(config, { logger: pino({ level: 'warn' }) }),
  })

  // BENCH_RELAY=0 leaves the outbox where it is, to measure what moving it to pg-boss costs the bookings
  if (process.env.BENCH_RELAY !== '0') jobs.startRelay()

  // reference routes: what the framework costs with no work (ok), and what the search SQL costs with no HTTP layer (search-sql)
  const repository = createCatalogRepository(database.db)
  app.get('/bench/ok', { config: { rateLimit: false } }, async () => ({ ok: true }))
  app.get('/bench/search-sql', { config: { rateLimit: false } }, async (_request, reply) => {
    const result = await repository.searchListings(REFERENCE_SEARCH, systemClock.now())
    return reply.type('application/json').send(`{"total":${result.total}}`)
  })

  // the floor of the search mix: the same answers, the fastest way we can write by hand (bench/search-reference.ts)
  const reference = createSearchReference(database)
  app.get('/bench/search-reference', { config: { rateLimit: false } }, async (request, reply) => {
    const body = await reference(request.query as Record<string, string | undefined>, systemClock.now())
    return reply.type('application/json').send(body)
  })

  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 50)
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      const rss = process.memoryUsage().rss
      send({ type: 'memory', peakRss: Math.max(peakRss, rss), rss })
      if (message.reset) peakRss = rss
    } else if (message.type === 'record') {
      if (message.on) {
        recorded = []
        send({ type: 'recording' })
      } else {
        send({ type: 'recorded', statements: recorded ?? [] })
        recorded = undefined
      }
    } else if (message.type === 'drain') {
      // one connection (PGlite) or a pool queue (pg): this query runs after the ones already waiting
      void database.db.execute(sql`select 1`).then(() => send({ type: 'drained' }))
    } else {
      clearInterval(sampler)
      void app.close().then(() => jobs.stop()).then(() => database.close()).finally(() => process.exit(0))
    }
  })

  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0, rss: process.memoryUsage().rss })
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
