// Google Maps: address geocoding for venues. Without GOOGLE_MAPS_API_KEY the disabled geocoder asks callers for lat/lng.
import { disabledGeocoder, type Geocoder } from './geocoder.js'
import { createGoogleGeocoder } from './google-geocoder.js'

export { disabledGeocoder, GeocodingError, type Coordinates, type GeocodeResult, type Geocoder } from './geocoder.js'
export { createGoogleGeocoder, type GoogleGeocoderOptions } from './google-geocoder.js'

export function createGeocoder(google: { mapsApiKey: string; mapsApiBase: string }): Geocoder {
  return google.mapsApiKey ? createGoogleGeocoder({ apiKey: google.mapsApiKey, apiBase: google.mapsApiBase }) : disabledGeocoder
}
