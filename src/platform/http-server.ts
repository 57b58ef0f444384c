// The Fastify instance every module is registered on: logging, validation, request ids, the route inventory, errors.
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from '../config.js'
import { registerErrorHandling } from '../shared/error-handler.js'
import { ErrorResponse } from '../shared/schemas.js'
import { recordRouteInventory } from './route-inventory.js'
import { documentErrors } from './documented-errors.js'
import { refuseUnstorableStrings } from './well-formed-strings.js'

export function createHttpServer(config: Config) {
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
  recordRouteInventory(app)
  refuseUnstorableStrings(app)
  // a route that reads a body can answer 413 (over bodyLimit) and 415 (a content type it does not parse)
  documentErrors(app, [413, 415], (route) => Boolean((route.schema as { body?: unknown } | undefined)?.body))
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  registerErrorHandling(app)
  app.addSchema(ErrorResponse)
  return app
}
