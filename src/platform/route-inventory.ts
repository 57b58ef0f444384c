// The route inventory: every route the app serves, recorded as it is registered, so OpenAPI can be checked against it.
import type { FastifyInstance, RouteOptions } from 'fastify'
import { accessOf, type Access } from '../shared/auth.js'

// a guard anywhere but onRequest would run after the body is validated, answering 422 to a caller with no token
const LATE_HOOKS = ['preParsing', 'preValidation', 'preHandler'] as const

/** One method and URL the app serves; `documented` is false for routes hidden from OpenAPI. */
export interface RouteEntry {
  method: string
  url: string
  documented: boolean
  /** Who the route's guard lets through; undefined for a public route. */
  access: Access | undefined
  /** Hooks other than onRequest that hold a guard: always empty in a correct app. */
  lateGuards: string[]
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: readonly RouteEntry[]
  }
}

/** Who a route's onRequest guard lets through, for the inventory and the OpenAPI document. */
export function routeAccess(route: Pick<RouteOptions, 'onRequest'>): Access | undefined {
  return accessOf(route.onRequest)
}

/** Decorates `app.routeInventory` and fills it from every route registered after this call. */
export function recordRouteInventory(app: FastifyInstance): void {
  const inventory: RouteEntry[] = []
  app.decorate('routeInventory', inventory)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const documented = !(route.schema as { hide?: boolean } | undefined)?.hide
    const lateGuards = LATE_HOOKS.filter((hook) => accessOf(route[hook]) !== undefined)
    for (const method of methods) inventory.push({ method, url: route.url, documented, access: routeAccess(route), lateGuards })
  })
}
