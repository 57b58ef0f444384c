// Turning a venue's postal address into coordinates: the Google Geocoding API when a key is configured, nothing otherwise.

export interface Coordinates {
  readonly lat: number
  readonly lng: number
}

export type GeocodeResult =
  | { readonly found: true; readonly location: Coordinates; readonly formatted_address: string }
  | { readonly found: false }

export class GeocodingError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'http' | 'provider' | 'network' | 'malformed') {
    super(message)
  }
}

export interface Geocoder {
  /** False when no API key is configured: callers must then have coordinates from the user. */
  readonly enabled: boolean
  /** The best match for an address in India, `{found: false}` when there is none, GeocodingError when the lookup failed. */
  geocode(address: string): Promise<GeocodeResult>
}

/** The geocoder without a key: never called by a careful caller, and says so if it is. */
export const disabledGeocoder: Geocoder = {
  enabled: false,
  async geocode() {
    throw new GeocodingError('Geocoding is not configured (GOOGLE_MAPS_API_KEY is unset)', 'provider')
  },
}
