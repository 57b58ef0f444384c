// Uploaded images, the one way every module takes them: checked by their bytes, stored outside any transaction, then
// recorded by the caller in one; if recording fails the stored files are removed again.
import { MediaStorageError, type MediaFolder, type MediaStorage, type StoredImage } from '../../integrations/media-storage/index.js'
import type { IdGenerator } from '../../shared/ids.js'
import { detectImageType, type ImageType } from './image-type.js'
import { FileRequiredError, MediaStorageUnavailableError, NotAnImageError } from './listings.errors.js'

export interface ImageStoreLogger {
  warn(details: object, message: string): void
}

/** An uploaded file's bytes; the client's file name is deliberately not part of it. */
export interface UploadedFile {
  readonly bytes: Buffer
}

export interface CheckedImage extends ImageType {
  readonly bytes: Buffer
}

export type StoredUpload = StoredImage & { id: string; image: CheckedImage }

export function createImageStore(deps: { storage: MediaStorage; ids: IdGenerator; logger: ImageStoreLogger }) {
  const { storage, ids, logger } = deps

  async function removeStored(keys: readonly string[]): Promise<void> {
    for (const key of keys) await storage.remove(key).catch((err: unknown) => logger.warn({ err, key }, 'could not remove a stored image'))
  }

  // HTTP or disk work: never inside a transaction; a half-done batch is undone
  async function storeAll(images: readonly CheckedImage[], folder: MediaFolder): Promise<StoredUpload[]> {
    const stored: StoredUpload[] = []
    try {
      for (const image of images) {
        const id = ids.next()
        stored.push({ ...(await storage.save({ name: id, extension: image.extension, contentType: image.contentType, folder, bytes: image.bytes })), id, image })
      }
      return stored
    } catch (err) {
      await removeStored(stored.map((s) => s.key))
      if (err instanceof MediaStorageError) {
        logger.warn({ reason: err.reason, detail: err.message }, 'media storage failed')
        throw new MediaStorageUnavailableError()
      }
      throw err
    }
  }

  return {
    /** JPEG, PNG or WebP by their bytes (422 UNSUPPORTED_IMAGE_TYPE); at least one (422 FILE_REQUIRED). */
    checkImages(files: readonly UploadedFile[]): CheckedImage[] {
      if (files.length === 0) throw new FileRequiredError()
      return files.map((file) => {
        const type = detectImageType(file.bytes)
        if (!type) throw new NotAnImageError()
        return { ...type, bytes: file.bytes }
      })
    },

    /** Stores, then records in `record`; if recording fails the stored files are removed again. */
    async storeThenRecord<T>(images: readonly CheckedImage[], folder: MediaFolder, record: (stored: StoredUpload[]) => Promise<T>): Promise<T> {
      const stored = await storeAll(images, folder)
      try {
        return await record(stored)
      } catch (err) {
        await removeStored(stored.map((s) => s.key))
        throw err
      }
    },

    removeStored,
  }
}

export type ImageStore = ReturnType<typeof createImageStore>
