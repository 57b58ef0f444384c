// A local stand-in for Cloudinary's Upload API on 127.0.0.1: checks the signature as Cloudinary does, records uploads.
import { type IncomingMessage, type ServerResponse } from 'node:http'
import { isValidCloudinarySignature } from '../../src/integrations/cloudinary/index.js'
import { listenOnLoopback } from './fake-http.js'

export interface FakeCloudinaryUpload {
  readonly public_id: string
  readonly bytes: Buffer
  readonly params: Record<string, string>
}

export interface FakeCloudinaryServer {
  readonly baseUrl: string
  readonly cloudName: string
  readonly apiKey: string
  readonly apiSecret: string
  /** Stored images by public_id (removed on destroy). */
  readonly uploads: Map<string, FakeCloudinaryUpload>
  /** Every request's form fields, in order (files as their byte count). */
  readonly requests: { path: string; params: Record<string, string> }[]
  /** Makes the next requests fail with this HTTP status until reset with undefined. */
  failWith(status: number | undefined): void
  close(): Promise<void>
}

const SIGNATURE_TTL_SECONDS = 3600

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const request = new Request('http://fake.local/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) })
  return request.formData()
}

export async function startFakeCloudinaryServer(options: { now?: () => Date } = {}): Promise<FakeCloudinaryServer> {
  const cloudName = 'rrray-test'
  const apiKey = '123456789012345'
  const apiSecret = 'fake-cloudinary-secret'
  const now = options.now ?? (() => new Date())
  const uploads = new Map<string, FakeCloudinaryUpload>()
  const requests: { path: string; params: Record<string, string> }[] = []
  let failure: number | undefined

  const loopback = await listenOnLoopback((req, res) => {
    void (async () => {
      const match = /^\/v1_1\/([^/]+)\/image\/(upload|destroy)$/.exec(req.url ?? '')
      if (req.method !== 'POST' || !match || match[1] !== cloudName) return send(res, 404, { error: { message: 'Not found' } })
      const form = await readForm(req).catch(() => undefined)
      if (!form) return send(res, 400, { error: { message: 'Malformed multipart body' } })
      const params: Record<string, string> = {}
      let file: Buffer | undefined
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') params[name] = value
        else file = Buffer.from(await value.arrayBuffer())
      }
      requests.push({ path: match[2]!, params: { ...params, ...(file ? { file: `${file.length} bytes` } : {}) } })
      if (failure) return send(res, failure, { error: { message: 'Fake failure' } })
      // what Cloudinary checks: a known key, a fresh timestamp, and the signature over every other signed parameter
      if (params.api_key !== apiKey) return send(res, 401, { error: { message: 'Invalid api_key' } })
      const timestamp = Number(params.timestamp)
      if (!Number.isInteger(timestamp) || Math.abs(now().getTime() / 1000 - timestamp) > SIGNATURE_TTL_SECONDS)
        return send(res, 401, { error: { message: 'Stale request' } })
      const { signature = '', ...signed } = params
      if (!isValidCloudinarySignature(signed, apiSecret, signature)) return send(res, 401, { error: { message: 'Invalid Signature' } })

      if (match[2] === 'destroy') {
        const existed = uploads.delete(params.public_id ?? '')
        return send(res, 200, { result: existed ? 'ok' : 'not found' })
      }
      if (!file) return send(res, 400, { error: { message: 'Missing required parameter - file' } })
      const publicId = [params.folder, params.public_id].filter(Boolean).join('/')
      uploads.set(publicId, { public_id: publicId, bytes: file, params })
      return send(res, 200, {
        public_id: publicId,
        version: timestamp,
        bytes: file.length,
        secure_url: `https://res.cloudinary.com/${cloudName}/image/upload/v${timestamp}/${publicId}`,
      })
    })().catch(() => send(res, 500, { error: { message: 'Fake crashed' } }))
  })
  return {
    baseUrl: `${loopback.origin}`,
    cloudName,
    apiKey,
    apiSecret,
    uploads,
    requests,
    failWith(status) {
      failure = status
    },
    async close() {
      await loopback.close()
    },
  }
}
