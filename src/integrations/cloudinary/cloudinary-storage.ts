// Images on Cloudinary through its signed Upload API: POST {base}/v1_1/{cloud}/image/upload and /image/destroy.
import type { Clock } from '../../shared/clock.js'
import { MediaStorageError, storedFileName, type MediaStorage } from '../media-storage/media-storage.js'
import { signCloudinaryParams } from './cloudinary-signature.js'

export interface CloudinaryOptions {
  cloudName: string
  apiKey: string
  apiSecret: string
  /** https://api.cloudinary.com, or a local fake in tests. */
  apiBase: string
  clock: Clock
  /** Folder prefix of every upload. */
  rootFolder?: string
  timeoutMs?: number
}

interface CloudinaryAnswer {
  public_id?: unknown
  secure_url?: unknown
  result?: unknown
  error?: { message?: unknown }
}

export function createCloudinaryStorage(options: CloudinaryOptions): MediaStorage {
  const timeoutMs = options.timeoutMs ?? 20_000
  const rootFolder = options.rootFolder ?? 'rrray'
  const endpoint = (action: 'upload' | 'destroy') =>
    new URL(`/v1_1/${encodeURIComponent(options.cloudName)}/image/${action}`, options.apiBase)

  // signs exactly the parameters sent (besides file and api_key), with a fresh timestamp
  function signedForm(params: Record<string, string>): FormData {
    const timestamp = String(Math.floor(options.clock.now().getTime() / 1000))
    const signed = { ...params, timestamp }
    const form = new FormData()
    for (const [name, value] of Object.entries(signed)) form.append(name, value)
    form.append('api_key', options.apiKey)
    form.append('signature', signCloudinaryParams(signed, options.apiSecret))
    return form
  }

  async function post(action: 'upload' | 'destroy', form: FormData): Promise<CloudinaryAnswer> {
    let response: Response
    try {
      response = await fetch(endpoint(action), { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new MediaStorageError(timedOut ? `Cloudinary timed out after ${timeoutMs} ms` : 'Cloudinary could not be reached', timedOut ? 'timeout' : 'network')
    }
    const answer = (await response.json().catch(() => undefined)) as CloudinaryAnswer | undefined
    if (!response.ok) {
      const said = typeof answer?.error?.message === 'string' ? `: ${answer.error.message}` : ''
      throw new MediaStorageError(`Cloudinary ${action} answered HTTP ${response.status}${said}`, 'http')
    }
    if (!answer) throw new MediaStorageError(`Cloudinary ${action} answered something unreadable`, 'malformed')
    return answer
  }

  return {
    kind: 'cloudinary',
    async save(image) {
      const fileName = storedFileName(image)
      const form = signedForm({ folder: `${rootFolder}/${image.folder}`, public_id: image.name })
      form.append('file', new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), fileName)
      const answer = await post('upload', form)
      if (typeof answer.public_id !== 'string' || typeof answer.secure_url !== 'string')
        throw new MediaStorageError('Cloudinary upload answered without public_id or secure_url', 'malformed')
      return { storage: 'cloudinary', key: answer.public_id, url: answer.secure_url }
    },
    async remove(key) {
      const answer = await post('destroy', signedForm({ public_id: key }))
      // 'not found' means it is already gone, which is what was asked
      if (answer.result !== 'ok' && answer.result !== 'not found')
        throw new MediaStorageError(`Cloudinary destroy answered ${String(answer.result)}`, 'provider')
    },
  }
}
