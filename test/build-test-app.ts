// The production app (buildApp), on a fresh test database, with a manual clock and test configuration.
import { pino } from 'pino'
import { afterAll, expect } from 'vitest'
import { buildApp, type App } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'
import type { Database } from '../src/db/database.js'
import { createProviders, type Providers } from '../src/integrations/index.js'
import { ManualClock } from '../src/shared/clock.js'
import { uuidGenerator } from '../src/shared/ids.js'
import { createTestDatabase } from './test-database.js'
import { createJobQueue, type JobQueue } from '../src/jobs/job-queue.js'
import { checkResponsesAgainstSchemas } from './response-contract.js'

export const TEST_ENV: Record<string, string> = {
  APP_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  ADMIN_EMAILS: 'admin@rrray.test',
  SEED_DEMO_DATA: 'false',
  // tests change data between reads; caching is tested on its own
  HOME_FEED_CACHE_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '100000',
  // PGlite runs queries on the event loop, so a busy test machine would shed at random; tested on its own
  LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
}

export interface TestContext {
  app: App
  database: Database
  config: Config
  clock: ManualClock
  providers: Providers
  /** Not started: tests run due jobs with `jobs.drain(name)`. */
  jobs: JobQueue
}

export interface TestAppOptions {
  env?: Record<string, string>
  clock?: ManualClock
  providers?: (config: Config) => Providers
  database?: Database
}

/** Builds the app for one test file and closes it (and drops its database) after the file. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const config = loadConfig({ ...TEST_ENV, ...options.env }, 'test')
  const database = options.database ?? (await createTestDatabase())
  const clock = options.clock ?? new ManualClock()
  const providers = options.providers ? options.providers(config) : createProviders(config, { logger: pino({ level: config.logLevel }), clock })
  const jobs = createJobQueue(database, pino({ level: 'silent' }), { background: false })
  // every answer of the file is checked against its route's documented schema (test/response-contract.ts)
  const mismatches: string[] = []
  const instrument = (server: App) => checkResponsesAgainstSchemas(server, mismatches)
  const app = await buildApp({ config, database, jobs, clock, ids: uuidGenerator, providers, instrument })
  await app.ready()
  afterAll(async () => {
    await app.close()
    await jobs.stop()
    if (!options.database) await database.close()
    expect(mismatches, 'answers that differ from their documented response schema').toEqual([])
  })
  return { app, database, config, clock, providers, jobs }
}
