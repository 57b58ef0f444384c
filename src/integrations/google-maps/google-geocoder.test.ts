import { afterAll, describe, expect, it } from 'vitest'
import { startFakeGeocodingServer } from '../../../test/fakes/google-geocoding-server.js'
import { createGeocoder, createGoogleGeocoder, disabledGeocoder, GeocodingError } from './index.js'

const fake = await startFakeGeocodingServer()
afterAll(() => fake.close())
const geocoder = createGoogleGeocoder({ apiKey: fake.apiKey, apiBase: fake.baseUrl, timeoutMs: 500 })

fake.on('Koramangala', { kind: 'ok', lat: 12.9352, lng: 77.6245, formatted_address: 'Koramangala, Bengaluru, Karnataka, India' })
fake.on('Nowhere Lane', { kind: 'zero_results' })
fake.on('Broken Street', { kind: 'http_error', statusCode: 500 })
fake.on('Quota Road', { kind: 'status', status: 'OVER_QUERY_LIMIT' })
fake.on('Slow Avenue', { kind: 'hang' })

async function failureOf(promise: Promise<unknown>): Promise<GeocodingError> {
  const err = await promise.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(GeocodingError)
  return err as GeocodingError
}

describe('Google geocoder against the local fake', () => {
  it('answers the location of an address Google knows, asking for India with our key', async () => {
    const result = await geocoder.geocode('12 80 Feet Road, Koramangala, Bengaluru, 560034, India')
    expect(result).toEqual({ found: true, location: { lat: 12.9352, lng: 77.6245 }, formatted_address: 'Koramangala, Bengaluru, Karnataka, India' })
    const request = fake.requests.at(-1)!
    expect(request).toEqual({ address: '12 80 Feet Road, Koramangala, Bengaluru, 560034, India', key: fake.apiKey, components: 'country:IN' })
  })

  it('answers found: false on ZERO_RESULTS', async () => {
    expect(await geocoder.geocode('1 Nowhere Lane, Atlantis')).toEqual({ found: false })
  })

  it('fails with an http reason on a 500, without the key in the message', async () => {
    const err = await failureOf(geocoder.geocode('Broken Street, Pune'))
    expect(err.reason).toBe('http')
    expect(err.message).not.toContain(fake.apiKey)
  })

  it('fails with a provider reason on OVER_QUERY_LIMIT and on a rejected key', async () => {
    expect((await failureOf(geocoder.geocode('Quota Road, Delhi'))).reason).toBe('provider')
    const wrongKey = createGoogleGeocoder({ apiKey: 'not-the-key', apiBase: fake.baseUrl })
    expect((await failureOf(wrongKey.geocode('Koramangala'))).message).toContain('REQUEST_DENIED')
  })

  it('gives up after its timeout', async () => {
    const started = Date.now()
    const err = await failureOf(geocoder.geocode('Slow Avenue, Chennai'))
    expect(err.reason).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('fails with a network reason when nothing listens', async () => {
    const closed = await startFakeGeocodingServer()
    await closed.close()
    const offline = createGoogleGeocoder({ apiKey: 'k', apiBase: closed.baseUrl })
    expect((await failureOf(offline.geocode('Koramangala'))).reason).toBe('network')
  })
})

describe('createGeocoder', () => {
  it('is disabled without a key and real with one', async () => {
    expect(createGeocoder({ mapsApiKey: '', mapsApiBase: fake.baseUrl })).toBe(disabledGeocoder)
    expect(disabledGeocoder.enabled).toBe(false)
    await expect(disabledGeocoder.geocode('x')).rejects.toBeInstanceOf(GeocodingError)
    const real = createGeocoder({ mapsApiKey: fake.apiKey, mapsApiBase: fake.baseUrl })
    expect(real.enabled).toBe(true)
    expect(await real.geocode('Koramangala')).toMatchObject({ found: true })
  })
})
