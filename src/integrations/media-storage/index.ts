// Public face of media storage: local disk by default, Cloudinary when its three credentials are configured.
import type { Config } from '../../config.js'
import type { Clock } from '../../shared/clock.js'
import { createCloudinaryStorage } from '../cloudinary/index.js'
import { createLocalDiskStorage } from './local-disk-storage.js'
import type { MediaStorage } from './media-storage.js'

export * from './media-storage.js'
export { createLocalDiskStorage, type LocalDiskStorageOptions } from './local-disk-storage.js'

export function createMediaStorage(config: Pick<Config, 'cloudinary' | 'uploads'>, clock: Clock): MediaStorage {
  const { cloudName, apiKey, apiSecret, apiBase } = config.cloudinary
  if (cloudName && apiKey && apiSecret) return createCloudinaryStorage({ cloudName, apiKey, apiSecret, apiBase, clock })
  return createLocalDiskStorage(config.uploads)
}
