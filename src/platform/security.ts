// Security plugins for every route: headers (helmet), CORS, and the global rate limit (in Redis when configured).
import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { Config } from '../config.js'
import { TooManyRequestsError } from '../shared/errors.js'
import { ErrorResponse } from '../shared/schemas.js'

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    // the JSON API needs no scripts; Swagger UI at /docs is served with its own relaxed policy
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
    // credentials only with an explicit allow-list: never echo any Origin together with credentials
    credentials: config.corsOrigins !== '*',
    exposedHeaders: ['x-request-id', 'retry-after'],
  })
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined
  if (redis) app.addHook('onClose', async () => void redis.disconnect())
  documentRateLimit(app)
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'rrray-rl:' } : {}),
    // a Redis outage must not take the API down with it
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, context.ttl / 1000),
  })
}

/** Every documented route the global limit covers can answer 429 RATE_LIMITED: its schema says so, for OpenAPI and the tests. */
function documentRateLimit(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response
    if (!response || route.config?.rateLimit === false || response[429]) return
    route.schema = { ...route.schema, response: { ...response, 429: ErrorResponse } }
  })
}
