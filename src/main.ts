// Entry point: config → database → migrations → demo data → app → listen; closes cleanly on SIGTERM/SIGINT.
// With WEB_CONCURRENCY > 1 this process is the cluster's primary: it migrates once, then runs that many workers on the
// one port (src/cluster-primary.ts); each worker is this same file, skipping the migration the primary already ran.
import 'dotenv/config'
import cluster from 'node:cluster'
import { readFileSync } from 'node:fs'
import { pino, type Logger } from 'pino'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { isConnectionError, openDatabase, type Database } from './db/database.js'
import { migrateDatabase } from './db/migrate.js'
import { createJobQueue } from './jobs/job-queue.js'
import { seedDemoDataIfEmpty } from './seed/index.js'
import { createProviders } from './integrations/index.js'
import { systemClock } from './shared/clock.js'
import { uuidGenerator } from './shared/ids.js'
import { runClusterPrimary } from './cluster-primary.js'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

function readConfig(bootLog: Logger): Config {
  try {
    return loadConfig(process.env, version)
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) bootLog.fatal(`configuration: ${problem}`)
      process.exit(1)
    }
    throw err
  }
}

/** Migrations (one process at a time, under an advisory lock) and, in development, the demo data. */
async function prepareDatabase(database: Database, config: Config, bootLog: Logger): Promise<void> {
  await migrateDatabase(database)
  if (config.appEnv === 'dev' && config.seedDemoData) await seedDemoDataIfEmpty(database, config, bootLog)
}

async function serve(config: Config, options: { prepare: boolean }): Promise<void> {
  const bootLog = pino({ level: 'info' })
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl, poolMax: config.databasePoolMax } : { dataDir: config.dataDir })
  if (options.prepare) await prepareDatabase(database, config, bootLog)
  const jobs = createJobQueue(database, pino({ level: config.logLevel }))
  const app = await buildApp({ config, database, jobs, clock: systemClock, ids: uuidGenerator, providers: createProviders(config, { logger: pino({ level: config.logLevel }) }) })

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    // a balancer's readiness probe sees 503 first and stops sending; an interactive Ctrl-C does not wait for one
    const drainMs = signal === 'SIGTERM' ? config.shutdownDrainSeconds * 1000 : 0
    app.readiness.draining = true
    app.log.info({ signal, drain_seconds: drainMs / 1000 }, 'shutting down: draining, then finishing in-flight requests')
    const force = setTimeout(() => process.exit(1), drainMs + 10_000).unref()
    try {
      await new Promise((resolve) => setTimeout(resolve, drainMs))
      await app.close() // stops accepting, waits for in-flight requests, runs onClose hooks
      await jobs.stop() // lets running jobs finish; queued ones stay for the next process
      await database.close()
    } finally {
      clearTimeout(force)
    }
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ host: config.host, port: config.port })
  await jobs.start()
  const where = cluster.isWorker ? ` (worker ${cluster.worker?.id} of ${config.webConcurrency})` : ''
  app.log.info({ engine: database.engine, env: config.appEnv }, `RRRAY API ${version} on http://localhost:${config.port}${where} (docs at /docs)`)
}

/**
 * pg-boss's own work loop (still running its cron queue) completes jobs without awaiting the query: a database
 * restarting at that moment rejects a promise nobody handles, which would end the process. Such a lost connection is
 * logged and pg-boss retries the job; any other unhandled rejection still stops the process, as Node does by default.
 */
function surviveLostDatabaseConnections(log: Logger): void {
  process.on('unhandledRejection', (reason) => {
    if (isConnectionError(reason)) return log.warn({ err: reason }, 'database connection lost under a background task; it is retried')
    log.fatal({ err: reason }, 'unhandled rejection')
    process.exit(1)
  })
}

async function main(): Promise<void> {
  const bootLog = pino({ level: 'info' })
  surviveLostDatabaseConnections(bootLog)
  const config = readConfig(bootLog)
  if (cluster.isWorker) return serve(config, { prepare: false })
  if (config.webConcurrency <= 1) return serve(config, { prepare: true })
  // the primary migrates once on its own small pool, then only supervises
  const database = await openDatabase({ url: config.databaseUrl ?? '', poolMax: 2 })
  await prepareDatabase(database, config, bootLog).finally(() => database.close())
  runClusterPrimary({ workers: config.webConcurrency, drainSeconds: config.shutdownDrainSeconds, log: bootLog })
}

main().catch((err: unknown) => {
  pino().fatal({ err }, 'failed to start')
  process.exit(1)
})
