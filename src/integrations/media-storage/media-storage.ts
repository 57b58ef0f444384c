// Where uploaded images live: the interface the media use cases see, whatever keeps the bytes.

export const IMAGE_EXTENSIONS = ['jpg', 'png', 'webp'] as const
export type ImageExtension = (typeof IMAGE_EXTENSIONS)[number]

/** What an image illustrates; each gets its own folder (local) or Cloudinary folder. */
export type MediaFolder = 'listings' | 'venues' | 'logos' | 'reviews'

export interface ImageToStore {
  /** A server-made UUID: the stored name is `<name>.<extension>`; nothing the client sent ever names a file. */
  readonly name: string
  readonly extension: ImageExtension
  readonly contentType: string
  readonly folder: MediaFolder
  readonly bytes: Buffer
}

export interface StoredImage {
  readonly storage: 'local' | 'cloudinary'
  /** Where the storage keeps it: a path under the uploads directory, or a Cloudinary public_id. */
  readonly key: string
  /** What clients load. */
  readonly url: string
}

export class MediaStorageError extends Error {
  constructor(message: string, readonly reason: 'timeout' | 'http' | 'network' | 'provider' | 'malformed' | 'disk') {
    super(message)
  }
}

export interface MediaStorage {
  readonly kind: 'local' | 'cloudinary'
  /** Stores the bytes; MediaStorageError when the storage fails. */
  save(image: ImageToStore): Promise<StoredImage>
  /** Removes what `save` stored; a key that is already gone is not an error. */
  remove(key: string): Promise<void>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The stored file's name; refuses anything but a UUID so no caller can smuggle a path in. */
export function storedFileName(image: Pick<ImageToStore, 'name' | 'extension'>): string {
  if (!UUID.test(image.name) || !IMAGE_EXTENSIONS.includes(image.extension)) throw new MediaStorageError('Refusing a file name the server did not make', 'malformed')
  return `${image.name}.${image.extension}`
}
