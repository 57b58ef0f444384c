// The route inventory: every route the app serves, recorded as it is registered, so OpenAPI can be checked against it.
import type { FastifyInstance } from 'fastify'

/** One method and URL the app serves; `documented` is false for routes hidden from OpenAPI. */
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

/** Decorates `app.routeInventory` and fills it from every route registered after this call. */
export function recordRouteInventory(app: FastifyInstance): void {
  const inventory: RouteEntry[] = []
  app.decorate('routeInventory', inventory)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) inventory.push({ method, url: route.url, documented: !(route.schema as { hide?: boolean } | undefined)?.hide })
  })
}
