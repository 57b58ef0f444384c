// The Google Geocoding API over HTTP: GET {base}/maps/api/geocode/json?address=…&key=…, restricted to India.
import { GeocodingError, type GeocodeResult, type Geocoder } from './geocoder.js'

export interface GoogleGeocoderOptions {
  apiKey: string
  /** https://maps.googleapis.com, or a local fake in tests. */
  apiBase: string
  timeoutMs?: number
}

interface GeocodeAnswer {
  status?: unknown
  error_message?: unknown
  results?: { formatted_address?: unknown; geometry?: { location?: { lat?: unknown; lng?: unknown } } }[]
}

export function createGoogleGeocoder(options: GoogleGeocoderOptions): Geocoder {
  const timeoutMs = options.timeoutMs ?? 5_000
  return {
    enabled: true,
    async geocode(address) {
      const url = new URL('/maps/api/geocode/json', options.apiBase)
      url.searchParams.set('address', address)
      url.searchParams.set('components', 'country:IN')
      url.searchParams.set('region', 'in')
      url.searchParams.set('key', options.apiKey)
      let response: Response
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
      } catch (err) {
        // the URL carries the key: never put it (or the raw fetch error, which may quote it) into the message
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        throw new GeocodingError(timedOut ? `Geocoding timed out after ${timeoutMs} ms` : 'Geocoding request failed', timedOut ? 'timeout' : 'network')
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new GeocodingError(`Geocoding answered HTTP ${response.status}`, 'http')
      }
      const answer = (await response.json().catch(() => undefined)) as GeocodeAnswer | undefined
      return readAnswer(answer)
    },
  }
}

function readAnswer(answer: GeocodeAnswer | undefined): GeocodeResult {
  if (!answer || typeof answer.status !== 'string') throw new GeocodingError('Geocoding answered something unreadable', 'malformed')
  if (answer.status === 'ZERO_RESULTS') return { found: false }
  if (answer.status !== 'OK') {
    // OVER_QUERY_LIMIT, REQUEST_DENIED, INVALID_REQUEST, UNKNOWN_ERROR: the lookup failed, not the address
    throw new GeocodingError(`Geocoding answered ${answer.status}`, 'provider')
  }
  const best = answer.results?.[0]
  const lat = best?.geometry?.location?.lat
  const lng = best?.geometry?.location?.lng
  if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    throw new GeocodingError('Geocoding answered OK without a usable location', 'malformed')
  return { found: true, location: { lat, lng }, formatted_address: typeof best?.formatted_address === 'string' ? best.formatted_address : '' }
}
