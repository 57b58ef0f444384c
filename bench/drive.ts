// Drives each hot route with autocannon and records req/s, latency percentiles and the server's peak RSS during the run.
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { note } from './progress.js'
import { REFERENCE_SEARCH_PATH } from './protocol.js'
import { toQueryString, type MixedSearch } from './search-mix.js'
import type { ServerProcess } from './server-process.js'

export interface RouteResult {
  route: string
  /** The reference this route is compared against (its share = req/s ÷ the reference's req/s). */
  reference: string | null
  requests_per_second: number
  p50_ms: number
  p99_ms: number
  total_requests: number
  non_2xx: number
  errors: number
  peak_rss_mb: number
  /** The machine's 1-minute load average after the run: other work on the machine skews the figures. */
  load_avg_1m: number
  share_of_reference: number | null
}

interface RouteSpec {
  route: string
  reference: string | null
  paths: string[]
  /** Each connection walks the paths in order and starts over (autocannon's `requests`), instead of taking turns. */
  walk?: boolean
}

export const SEARCH_MIX_ROUTE = 'GET /api/search (mix)'
export const SEARCH_REFERENCE_ROUTE = 'GET /bench/search-reference (mix)'

export function routeSpecs(listingIds: string[], mix: MixedSearch[]): RouteSpec[] {
  const queries = mix.filter((m) => m.driven).map((m) => toQueryString(m.params))
  return [
    { route: 'GET /bench/ok', reference: null, paths: ['/bench/ok'] },
    { route: SEARCH_REFERENCE_ROUTE, reference: null, paths: queries.map((q) => `/bench/search-reference?${q}`), walk: true },
    { route: SEARCH_MIX_ROUTE, reference: SEARCH_REFERENCE_ROUTE, paths: queries.map((q) => `/api/search?${q}`), walk: true },
    { route: 'GET /bench/search-sql', reference: null, paths: ['/bench/search-sql'] },
    { route: `GET ${REFERENCE_SEARCH_PATH}`, reference: 'GET /bench/search-sql', paths: [REFERENCE_SEARCH_PATH] },
    { route: 'GET /api/listings/{id}', reference: 'GET /bench/ok', paths: listingIds.map((id) => `/api/listings/${id}`) },
    { route: 'GET /api/listings/{id}/sessions', reference: 'GET /bench/ok', paths: listingIds.map((id) => `/api/listings/${id}/sessions`) },
    { route: 'GET /api/health', reference: 'GET /bench/ok', paths: ['/api/health'] },
    { route: 'GET /api/home/trending', reference: 'GET /bench/ok', paths: ['/api/home/trending'] },
  ]
}

export async function fire(baseUrl: string, paths: string[], connections: number, duration: number, walk = false): Promise<autocannon.Result> {
  if (walk) return autocannon({ url: baseUrl, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) })
  let next = 0
  return autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [
      {
        method: 'GET',
        // several paths (listing ids) are taken in turn, so one cached row does not stand for all
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
      },
    ],
  })
}

export async function driveRoutes(
  server: ServerProcess,
  listingIds: string[],
  settings: { durationSeconds: number; connections: number; quick: boolean },
  label: string,
  mix: MixedSearch[],
  only?: readonly string[],
): Promise<RouteResult[]> {
  const results: RouteResult[] = []
  for (const spec of routeSpecs(listingIds, mix).filter((s) => only === undefined || only.includes(s.route))) {
    await fire(server.baseUrl, spec.paths, settings.connections, 1, spec.walk) // warm-up: JIT, plans, caches
    await server.drain() // requests cut off by the end of a run must not eat into the next one
    await server.memory(true)
    note(`${label}: ${spec.route} — ${settings.connections} connections for ${settings.durationSeconds} s`)
    const result = await fire(server.baseUrl, spec.paths, settings.connections, settings.durationSeconds, spec.walk)
    const memory = await server.memory(true)
    await server.drain()
    const reference = results.find((r) => r.route === spec.reference)
    results.push({
      route: spec.route,
      reference: spec.reference,
      requests_per_second: result.requests.average,
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      total_requests: result.requests.total,
      non_2xx: result.non2xx,
      errors: result.errors,
      peak_rss_mb: memory.peakRss / 1_048_576,
      load_avg_1m: loadavg()[0] ?? 0,
      share_of_reference: reference && reference.requests_per_second > 0 ? result.requests.average / reference.requests_per_second : null,
    })
  }
  return results
}
