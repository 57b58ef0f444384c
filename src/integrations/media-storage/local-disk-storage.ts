// Images on the local disk under UPLOADS_DIR/<folder>/<uuid>.<ext>, linked at UPLOADS_BASE_URL (served at /uploads).
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { MediaStorageError, storedFileName, type MediaStorage } from './media-storage.js'

export interface LocalDiskStorageOptions {
  /** The uploads directory; only what is inside it is ever written or removed. */
  dir: string
  /** URL prefix of the uploads directory, e.g. /uploads. */
  baseUrl: string
}

export function createLocalDiskStorage(options: LocalDiskStorageOptions): MediaStorage {
  const root = resolve(options.dir)
  const baseUrl = options.baseUrl.replace(/\/+$/, '')

  // every path is resolved and checked to stay inside the uploads directory, whatever the key says
  function pathOf(key: string): string {
    const full = resolve(root, key)
    const inside = relative(root, full)
    if (!inside || inside.startsWith('..') || inside.includes(`..${sep}`) || resolve(root, inside) !== full)
      throw new MediaStorageError('Refusing a path outside the uploads directory', 'malformed')
    return full
  }

  return {
    kind: 'local',
    async save(image) {
      const key = `${image.folder}/${storedFileName(image)}`
      const path = pathOf(key)
      try {
        await mkdir(dirname(path), { recursive: true })
        // 'wx': never overwrite an existing file
        await writeFile(path, image.bytes, { flag: 'wx', mode: 0o644 })
      } catch (err) {
        throw new MediaStorageError(`Could not write the image: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, 'disk')
      }
      return { storage: 'local', key, url: `${baseUrl}/${key}` }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
