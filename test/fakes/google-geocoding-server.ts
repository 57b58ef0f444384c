// A local stand-in for the Google Geocoding API on 127.0.0.1: answers like Google, records every request.
import { type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './fake-http.js'

export interface GeocodingRequest {
  readonly address: string
  readonly key: string
  readonly components: string | null
}

/** What the fake does for one request: a Google-shaped body, an HTTP failure, or a hang (for timeouts). */
export type FakeGeocodingBehaviour =
  | { kind: 'ok'; lat: number; lng: number; formatted_address?: string }
  | { kind: 'zero_results' }
  | { kind: 'status'; status: 'OVER_QUERY_LIMIT' | 'REQUEST_DENIED' | 'INVALID_REQUEST' | 'UNKNOWN_ERROR' }
  | { kind: 'http_error'; statusCode: number }
  | { kind: 'hang' }

export interface FakeGeocodingServer {
  readonly baseUrl: string
  readonly apiKey: string
  readonly requests: GeocodingRequest[]
  /** Addresses containing `fragment` (case-insensitive) get `behaviour`; unknown addresses get ZERO_RESULTS. */
  on(fragment: string, behaviour: FakeGeocodingBehaviour): void
  close(): Promise<void>
}

function send(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=UTF-8' })
  res.end(JSON.stringify(body))
}

export async function startFakeGeocodingServer(apiKey = 'fake-maps-key'): Promise<FakeGeocodingServer> {
  const rules: { fragment: string; behaviour: FakeGeocodingBehaviour }[] = []
  const requests: GeocodingRequest[] = []
  const hanging = new Set<ServerResponse>()

  const loopback = await listenOnLoopback((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method !== 'GET' || url.pathname !== '/maps/api/geocode/json') return send(res, 404, { error: 'not found' })
    const address = url.searchParams.get('address') ?? ''
    const key = url.searchParams.get('key') ?? ''
    requests.push({ address, key, components: url.searchParams.get('components') })
    // Google answers 200 with a status field for request-level problems
    if (key !== apiKey) return send(res, 200, { status: 'REQUEST_DENIED', error_message: 'The provided API key is invalid.', results: [] })
    if (!address) return send(res, 200, { status: 'INVALID_REQUEST', results: [] })
    const rule = [...rules].reverse().find((r) => address.toLowerCase().includes(r.fragment.toLowerCase()))
    const behaviour = rule?.behaviour ?? { kind: 'zero_results' }
    switch (behaviour.kind) {
      case 'ok':
        return send(res, 200, {
          status: 'OK',
          results: [
            {
              formatted_address: behaviour.formatted_address ?? address,
              geometry: { location: { lat: behaviour.lat, lng: behaviour.lng }, location_type: 'ROOFTOP' },
              place_id: 'fake-place',
              types: ['street_address'],
            },
          ],
        })
      case 'zero_results':
        return send(res, 200, { status: 'ZERO_RESULTS', results: [] })
      case 'status':
        return send(res, 200, { status: behaviour.status, error_message: 'fake failure', results: [] })
      case 'http_error':
        return send(res, behaviour.statusCode, { error: 'fake server error' })
      case 'hang':
        hanging.add(res)
        return undefined
    }
  })

  return {
    baseUrl: `${loopback.origin}`,
    apiKey,
    requests,
    on(fragment, behaviour) {
      rules.push({ fragment, behaviour })
    },
    async close() {
      for (const res of hanging) res.destroy()
      await loopback.close()
    },
  }
}
