// Liveness and readiness in one answer: is the process up, and can it reach its database.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import Type from 'typebox'
import type { Database } from '../../db/database.js'

const HealthResponse = Type.Object(
  {
    status: Type.Enum(['ok', 'degraded']),
    version: Type.String(),
    database: Type.Object({ engine: Type.Enum(['pglite', 'postgres']), reachable: Type.Boolean() }),
  },
  { examples: [{ status: 'ok', version: '3.0.0', database: { engine: 'pglite', reachable: true } }] },
)

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; version: string }> = async (app, { database, version }) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], summary: 'Service health', response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const reachable = await database.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      )
      return reply.code(reachable ? 200 : 503).send({
        status: reachable ? 'ok' : 'degraded',
        version,
        database: { engine: database.engine, reachable },
      })
    },
  )
}
