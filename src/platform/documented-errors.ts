// Errors the platform itself answers (rate limit, body parsing), added to the schema of each route they can reach.
import type { FastifyInstance, RouteOptions } from 'fastify'
import { ErrorResponse } from '../shared/schemas.js'

/** Adds `statuses` to the documented responses of every documented route registered later for which `applies` holds. */
export function documentErrors(app: FastifyInstance, statuses: readonly number[], applies: (route: RouteOptions) => boolean): void {
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response
    if (!response || !applies(route)) return
    const added = Object.fromEntries(statuses.filter((status) => !response[status]).map((status) => [status, ErrorResponse]))
    route.schema = { ...route.schema, response: { ...response, ...added } }
  })
}
