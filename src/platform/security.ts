// Security plugins for every route: headers (helmet), CORS, and the global rate limit (in Redis when configured).
import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { Config } from '../config.js'
import { TooManyRequestsError } from '../shared/errors.js'
import { documentErrors } from './documented-errors.js'
import { readinessCheck } from './readiness.js'

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
  // ioredis is loaded only when Redis is configured
  const redis = config.redisUrl ? new (await import('ioredis')).Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined
  if (redis) {
    // a Redis outage is logged and read by readiness; ioredis reconnects by itself
    redis.on('error', (err: Error) => app.log.warn({ err: err.message }, 'redis unavailable'))
    app.addHook('onClose', async () => void redis.disconnect())
    app.readiness.checks.push(readinessCheck('redis', () => redis.ping()))
  }
  // every route the global limit covers can answer 429 RATE_LIMITED
  documentErrors(app, [429], (route) => route.config?.rateLimit !== false)
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'rrray-rl:' } : {}),
    // a Redis outage must not take the API down with it
    skipOnError: true,
    errorResponseBuilder: (request, context) => {
      app.metrics.rateLimitRefusals.inc({ route: request.routeOptions.url ?? 'unmatched' })
      return new TooManyRequestsError(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, context.ttl / 1000)
    },
  })
}

