// The composition root: every plugin, service and module is wired here once, from injected dependencies.
// Production (main.ts), tests and benchmarks all build the app through this function.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Redis } from 'ioredis'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { Providers } from './integrations/index.js'
import type { Clock } from './shared/clock.js'
import type { IdGenerator } from './shared/ids.js'
import { registerErrorHandling } from './shared/error-handler.js'
import { TooManyRequestsError } from './shared/errors.js'
import { ErrorResponse } from './shared/schemas.js'
import { createAuthGuard, createTokenService } from './shared/auth.js'
import { healthRoutes } from './modules/health/health.routes.js'
import { createAccountLookup } from './modules/auth/index.js'

export interface AppDependencies {
  config: Config
  database: Database
  clock: Clock
  ids: IdGenerator
  providers: Providers
}

export type App = FastifyInstance

/** Every route the app serves, recorded as it is registered: the inventory that OpenAPI is checked against. */
export interface RouteEntry {
  method: string
  url: string
  documented: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: readonly RouteEntry[]
  }
}

export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, database } = deps
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-razorpay-signature"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorateRequest('actor', undefined)
  const inventory: RouteEntry[] = []
  app.decorate('routeInventory', inventory)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) inventory.push({ method, url: route.url, documented: !(route.schema as { hide?: boolean } | undefined)?.hide })
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  registerErrorHandling(app)
  app.addSchema(ErrorResponse)

  await app.register(helmet, {
    // the JSON API needs no scripts; Swagger UI at /docs is served with its own relaxed policy below
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

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'RRRAY API',
        version: config.version,
        description: 'Find and book kids’ activities in India: parents, partners and admins. Amounts are in paise.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())

  // ---- modules: services are built once here and handed to their routes ----
  const tokens = createTokenService({ secret: config.jwt.secret, expiryHours: config.jwt.expiryHours, clock: deps.clock })
  const guard = createAuthGuard({ tokens, findAccount: createAccountLookup(database.db) })
  void guard // used by the modules registered below

  await app.register(healthRoutes, { prefix: '/api', database, version: config.version })

  return app
}
