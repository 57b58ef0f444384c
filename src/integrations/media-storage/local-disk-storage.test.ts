import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.js'
import { ManualClock } from '../../shared/clock.js'
import { createLocalDiskStorage, createMediaStorage, MediaStorageError } from './index.js'

const dir = await mkdtemp(join(tmpdir(), 'rrray-uploads-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
const storage = createLocalDiskStorage({ dir, baseUrl: '/uploads/' })

describe('local disk storage', () => {
  it('writes <folder>/<uuid>.<ext> inside the uploads directory and links it under the base URL', async () => {
    const stored = await storage.save({ name: '0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b', extension: 'webp', contentType: 'image/webp', folder: 'venues', bytes: Buffer.from('x') })
    expect(stored).toEqual({ storage: 'local', key: 'venues/0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b.webp', url: '/uploads/venues/0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b.webp' })
    expect(await readFile(join(dir, stored.key), 'utf8')).toBe('x')
    await storage.remove(stored.key)
    expect(await readdir(join(dir, 'venues'))).toEqual([])
    await expect(storage.remove(stored.key)).resolves.toBeUndefined()
  })

  it('refuses names and keys that would leave the directory', async () => {
    for (const name of ['../../etc/passwd', '/etc/passwd', '..\\..\\x', 'a.png'])
      await expect(storage.save({ name, extension: 'png', contentType: 'image/png', folder: 'listings', bytes: Buffer.from('x') })).rejects.toBeInstanceOf(MediaStorageError)
    for (const key of ['../outside.png', '/etc/passwd', 'listings/../../x', ''])
      await expect(storage.remove(key)).rejects.toBeInstanceOf(MediaStorageError)
  })
})

describe('createMediaStorage', () => {
  it('is local without Cloudinary credentials and Cloudinary with all three', () => {
    const clock = new ManualClock()
    expect(createMediaStorage(loadConfig({ UPLOADS_DIR: dir }), clock).kind).toBe('local')
    expect(createMediaStorage(loadConfig({ CLOUDINARY_CLOUD_NAME: 'c', CLOUDINARY_API_KEY: 'k' }), clock).kind).toBe('local')
    expect(createMediaStorage(loadConfig({ CLOUDINARY_CLOUD_NAME: 'c', CLOUDINARY_API_KEY: 'k', CLOUDINARY_API_SECRET: 's' }), clock).kind).toBe('cloudinary')
  })
})
