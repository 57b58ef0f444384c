// Liveness (is the process up, can it reach its database) and readiness for a load balancer (every dependency answers and
// the process is not draining).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import Type from 'typebox'
import type { Database } from '../../db/database.js'
import { readinessCheck } from '../../platform/readiness.js'
import { createDatabaseProbe } from './database-probe.js'

const HealthResponse = Type.Object(
  {
    status: Type.Enum(['ok', 'degraded']),
    version: Type.String(),
    database: Type.Object({ engine: Type.Enum(['pglite', 'postgres']), reachable: Type.Boolean() }),
  },
  { examples: [{ status: 'ok', version: '3.0.0', database: { engine: 'pglite', reachable: true } }] },
)

const ReadinessResponse = Type.Object(
  {
    status: Type.Enum(['ready', 'not_ready']),
    draining: Type.Boolean({ description: 'true from SIGTERM until the process stops: send no more traffic' }),
    checks: Type.Array(Type.Object({ name: Type.String({ examples: ['database'] }), ok: Type.Boolean() })),
    replicas: Type.Optional(Type.Array(
      Type.Object({
        name: Type.String({ description: 'host:port/database', examples: ['10.0.0.12:5432/rrray'] }),
        healthy: Type.Boolean(),
        lag_seconds: Type.Union([Type.Number(), Type.Null()]),
      }),
      { description: 'Read replicas of the public catalog as last probed (DATABASE_REPLICA_URLS); one that is down or lagging is skipped and never makes the process not ready' },
    )),
  },
  {
    examples: [
      { status: 'ready', draining: false, checks: [{ name: 'database', ok: true }, { name: 'redis', ok: true }], replicas: [{ name: '10.0.0.12:5432/rrray', healthy: true, lag_seconds: 0.2 }] },
      { status: 'not_ready', draining: true, checks: [{ name: 'database', ok: true }] },
    ],
  },
)

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; version: string }> = async (app, { database, version }) => {
  const probe = createDatabaseProbe(database)
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], summary: 'Service health', description: 'Liveness: the database as last probed (at most every 2 s, never a query per request); /api/health/ready probes on each call.', response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const reachable = await probe.reachable()
      return reply.code(reachable ? 200 : 503).send({
        status: reachable ? 'ok' : 'degraded',
        version,
        database: { engine: database.engine, reachable },
      })
    },
  )

  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness for a load balancer',
        description:
          '200 when the database (and Redis, when REDIS_URL is set) answer within a second and the process is not shutting down; ' +
          '503 otherwise. Read replicas, when configured, are reported and never make it 503. After SIGTERM it answers 503 for SHUTDOWN_DRAIN_SECONDS before the process stops taking requests.',
        response: { 200: ReadinessResponse, 503: ReadinessResponse },
      },
    },
    async (_request, reply) => {
      const checks = [readinessCheck('database', () => database.db.execute(sql`select 1`)), ...app.readiness.checks]
      const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ok: await c.check() })))
      const draining = app.readiness.draining
      const ready = !draining && results.every((r) => r.ok)
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', draining, checks: results, replicas: app.readiness.replicas?.() })
    },
  )
}
