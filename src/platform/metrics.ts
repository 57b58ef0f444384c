// Prometheus metrics for this process (prom-client): request rate and latency per route and status, the database pool,
// process figures, and counters any module bumps (`app.metrics.webhookDuplicates`). Modules add collectors that read
// the database at scrape time (`app.metrics.addCollector`), so cluster-wide totals stay right with N processes.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Database } from '../db/database.js'
import { UnauthorizedError } from '../shared/errors.js'
import { ErrorResponse } from '../shared/schemas.js'

export interface Metrics {
  readonly registry: Registry
  readonly webhookDuplicates: Counter<'provider'>
  readonly rateLimitRefusals: Counter<'route'>
  /** Reads that may use a replica (the public catalog), by where they ran: `primary` or `replica`. */
  readonly databaseReads: Counter<'target'>
  /** Replicas passed over by such a read, and why: `down` (unreachable or failed) or `lagging`. */
  readonly replicaSkips: Counter<'replica' | 'reason'>
  /** A gauge whose labelled values are read when Prometheus scrapes (a query, a queue's depth). */
  addCollector(name: string, help: string, labels: readonly string[], read: () => Promise<Array<{ labels: Record<string, string>; value: number }>>): void
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

// seconds; the API's answers are mostly a few ms, bookings tens of ms, exports seconds
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function registerMetrics(app: FastifyInstance, database: Database): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const pool = database.pool
  if (pool) {
    new Gauge({ name: 'db_pool_connections', help: 'Database pool connections by state', labelNames: ['state'] as const, registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount)
        this.set({ state: 'idle' }, pool.idleCount)
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount)
        this.set({ state: 'waiting' }, pool.waitingCount)
      },
    })
  }
  const metrics: Metrics = {
    registry,
    webhookDuplicates: new Counter({ name: 'webhook_duplicates_total', help: 'Webhook deliveries of an event already taken', labelNames: ['provider'] as const, registers: [registry] }),
    rateLimitRefusals: new Counter({ name: 'rate_limit_refusals_total', help: 'Requests refused by a rate limit', labelNames: ['route'] as const, registers: [registry] }),
    databaseReads: new Counter({ name: 'db_reads_total', help: 'Replica-eligible reads by where they ran (primary or replica)', labelNames: ['target'] as const, registers: [registry] }),
    replicaSkips: new Counter({ name: 'db_replica_skips_total', help: 'Read replicas passed over, by replica and reason (down, lagging)', labelNames: ['replica', 'reason'] as const, registers: [registry] }),
    addCollector(name, help, labels, read) {
      new Gauge({ name, help, labelNames: labels, registers: [registry],
        async collect() {
          this.reset()
          for (const { labels: values, value } of await read()) this.set(values, value)
        },
      })
    },
  }
  app.decorate('metrics', metrics)
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })
}

/**
 * GET /metrics in Prometheus' text format, behind `Authorization: Bearer <METRICS_TOKEN>`; without a token configured
 * the route does not exist. Also reports pg-boss queue depth and failures per queue.
 */
export function registerMetricsRoute(app: FastifyInstance, options: { token: string; jobs: { stats(): Promise<Array<{ queue: string; state: string; count: number }>> } }): void {
  if (!options.token) return
  app.metrics.addCollector('job_queue_jobs', 'Background jobs per queue and state (created, retry, active, completed, failed…)', ['queue', 'state'], async () =>
    (await options.jobs.stats()).map((r) => ({ labels: { queue: r.queue, state: r.state }, value: r.count })),
  )
  const expected = Buffer.from(`Bearer ${options.token}`)
  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics',
        description: 'Text exposition format. Needs `Authorization: Bearer <METRICS_TOKEN>`; absent when METRICS_TOKEN is unset.',
        security: [{ bearer: [] }],
        response: {
          200: Type.String({ examples: ['# HELP http_request_duration_seconds …\nhttp_request_duration_seconds_count{method="GET",route="/api/search",status="200"} 42'] }),
          401: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const given = Buffer.from(request.headers.authorization ?? '')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('A valid metrics token is required', 'INVALID_METRICS_TOKEN')
      return reply.type(app.metrics.registry.contentType).send(await app.metrics.registry.metrics())
    },
  )
}
