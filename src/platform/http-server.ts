// The Fastify instance every module is registered on: logging, validation, request ids, the route inventory, errors.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyReply, type RouteOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from '../config.js'
import { registerErrorHandling } from '../shared/error-handler.js'
import { ErrorResponse } from '../shared/schemas.js'
import { registerReadiness } from './readiness.js'
import { recordRouteInventory } from './route-inventory.js'
import { documentErrors } from './documented-errors.js'
import { buildLazySerializers } from './serializers.js'
import { buildLazyValidators } from './validators.js'
import { refuseUnstorableStrings } from './well-formed-strings.js'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const methodsOf = (route: RouteOptions): string[] => (Array.isArray(route.method) ? route.method : [route.method])

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
    schemaController: { compilersFactory: { buildSerializer: buildLazySerializers(), buildValidator: buildLazyValidators() } },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: false } },
    // a path parameter is as long as the URL allows: a long id is then the route's 422 (after its auth), not the router's 414
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16_384 },
    // a path whose percent-encoding does not decode matches no route to authenticate for: a 400 in the API's error shape
    frameworkErrors: (error, _request, reply) => {
      const badUrl = error.code === 'FST_ERR_BAD_URL'
      void (reply as FastifyReply)
        .code(badUrl ? 400 : (error.statusCode ?? 400))
        .send({ detail: badUrl ? 'The URL is not valid: a percent-encoded character in its path does not decode' : error.message, code: badUrl ? 'INVALID_URL' : error.code })
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorateRequest('actor', undefined)
  recordRouteInventory(app)
  registerReadiness(app)
  refuseUnstorableStrings(app)
  // any route can answer 422 (a string it cannot store, in the query or headers); one with path parameters 400 (INVALID_URL)
  documentErrors(app, [422], () => true)
  documentErrors(app, [400], (route) => route.url.includes(':'))
  // a route a body can be sent to answers 413 (over bodyLimit) and 415 (a content type it does not parse), schema or not
  documentErrors(app, [413, 415], (route) => Boolean((route.schema as { body?: unknown } | undefined)?.body) || methodsOf(route).some((m) => BODY_METHODS.has(m)))
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  registerErrorHandling(app)
  app.addSchema(ErrorResponse)
  return app
}
