// The OpenAPI document of every route registered after it, Swagger UI at /docs and the raw document at /openapi.json.
import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Config } from '../config.js'
import { normalizeOpenApi } from './openapi-normalize.js'
import { routeAccess } from './route-inventory.js'

const MULTIPART_FILES = {
  type: 'object',
  description: 'One or more file parts, under any field name',
  additionalProperties: { type: 'string', format: 'binary' },
}

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // 3.1: its Schema Objects are JSON Schema 2020-12, the dialect TypeBox writes
      openapi: '3.1.0',
      info: {
        title: 'RRRAY API',
        version: config.version,
        description: 'Find and book kids’ activities in India: parents, partners and admins. Amounts are in paise.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: ({ schema, url, route }) => {
      const access = routeAccess(route)
      // x-roles: who the route's guard lets through, read from the guard itself
      const roles = access && access !== 'optional' ? { 'x-roles': access.roles } : {}
      // an upload's parts are read by the handler, not validated, so its body exists only in the document
      const uploads = schema?.consumes?.includes('multipart/form-data') && !schema.body ? { body: MULTIPART_FILES } : {}
      return { schema: schema && { ...schema, ...roles, ...uploads }, url }
    },
    transformObject: (document) => normalizeOpenApi('openapiObject' in document ? document.openapiObject : document.swaggerObject),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())
}
