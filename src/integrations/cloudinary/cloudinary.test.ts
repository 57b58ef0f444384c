import { createHash } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { startFakeCloudinaryServer } from '../../../test/fakes/cloudinary-server.js'
import { ManualClock } from '../../shared/clock.js'
import { MediaStorageError } from '../media-storage/index.js'
import { createCloudinaryStorage, isValidCloudinarySignature, signCloudinaryParams, stringToSign } from './index.js'

const clock = new ManualClock('2026-11-28T10:00:00.000Z')
const fake = await startFakeCloudinaryServer({ now: () => clock.now() })
afterAll(() => fake.close())
const storage = createCloudinaryStorage({ cloudName: fake.cloudName, apiKey: fake.apiKey, apiSecret: fake.apiSecret, apiBase: fake.baseUrl, clock, timeoutMs: 2_000 })
const image = (name: string) => ({ name, extension: 'png' as const, contentType: 'image/png', folder: 'listings' as const, bytes: Buffer.from('fake png bytes') })

describe('Cloudinary signature', () => {
  it('signs the sorted parameters except file, cloud_name, resource_type and api_key, then the secret, with SHA-1', () => {
    const params = { timestamp: 1315060510, public_id: 'sample_image', eager: ['w_400,h_300,c_pad', 'w_260,h_200,c_crop'], api_key: 'k', file: 'x' }
    expect(stringToSign(params)).toBe('eager=w_400,h_300,c_pad,w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510')
    const expected = createHash('sha1').update(`${stringToSign(params)}abcd`).digest('hex')
    expect(signCloudinaryParams(params, 'abcd')).toBe(expected)
    expect(isValidCloudinarySignature(params, 'abcd', expected)).toBe(true)
    expect(isValidCloudinarySignature({ ...params, public_id: 'other' }, 'abcd', expected)).toBe(false)
    expect(isValidCloudinarySignature(params, 'wrong', expected)).toBe(false)
  })
})

describe('Cloudinary storage against the local fake', () => {
  it('uploads with a signature the fake accepts, into our folder under our name, and answers the secure URL', async () => {
    const name = '0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b'
    const stored = await storage.save(image(name))
    expect(stored).toEqual({
      storage: 'cloudinary',
      key: `rrray/listings/${name}`,
      url: `https://res.cloudinary.com/${fake.cloudName}/image/upload/v${clock.now().getTime() / 1000}/rrray/listings/${name}`,
    })
    expect(fake.uploads.get(stored.key)?.bytes.toString()).toBe('fake png bytes')
    const sent = fake.requests.at(-1)!.params
    expect(sent).toMatchObject({ api_key: fake.apiKey, folder: 'rrray/listings', public_id: name, timestamp: String(clock.now().getTime() / 1000) })
    expect(sent.api_secret).toBeUndefined()
  })

  it('destroys with a signed request; an image already gone is fine', async () => {
    const stored = await storage.save(image('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'))
    await storage.remove(stored.key)
    expect(fake.uploads.has(stored.key)).toBe(false)
    expect(fake.requests.at(-1)).toMatchObject({ path: 'destroy', params: { public_id: stored.key } })
    await expect(storage.remove(stored.key)).resolves.toBeUndefined()
  })

  it('is refused by the fake with a wrong secret or a stale timestamp (the fake checks like Cloudinary)', async () => {
    const wrong = createCloudinaryStorage({ cloudName: fake.cloudName, apiKey: fake.apiKey, apiSecret: 'not-the-secret', apiBase: fake.baseUrl, clock })
    await expect(wrong.save(image('2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e'))).rejects.toThrow(/HTTP 401: Invalid Signature/)
    const stale = createCloudinaryStorage({ cloudName: fake.cloudName, apiKey: fake.apiKey, apiSecret: fake.apiSecret, apiBase: fake.baseUrl, clock: new ManualClock('2026-11-28T07:00:00.000Z') })
    await expect(stale.save(image('3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'))).rejects.toThrow(/Stale request/)
  })

  it('fails with a MediaStorageError on a provider error, and a network reason when nothing listens', async () => {
    fake.failWith(500)
    const failed = await storage.save(image('4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a')).catch((e: unknown) => e)
    fake.failWith(undefined)
    expect(failed).toBeInstanceOf(MediaStorageError)
    expect((failed as MediaStorageError).reason).toBe('http')
    expect((failed as MediaStorageError).message).not.toContain(fake.apiSecret)

    const closed = await startFakeCloudinaryServer()
    await closed.close()
    const offline = createCloudinaryStorage({ cloudName: closed.cloudName, apiKey: closed.apiKey, apiSecret: closed.apiSecret, apiBase: closed.baseUrl, clock })
    await expect(offline.save(image('5e6f7a8b-9c0d-4e1f-9a2b-3c4d5e6f7a8b'))).rejects.toMatchObject({ reason: 'network' })
  })

  it('never uploads under a name the server did not make', async () => {
    await expect(storage.save(image('../../etc/passwd'))).rejects.toMatchObject({ reason: 'malformed' })
  })
})
