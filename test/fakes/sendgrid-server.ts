// A local stand-in for SendGrid's v3 Mail Send: checks the Bearer key and the body's shape, records what it accepted.
import { type IncomingHttpHeaders } from 'node:http'
import { listenOnLoopback } from './fake-http.js'

export interface RecordedMail {
  headers: IncomingHttpHeaders
  body: {
    personalizations: { to: { email: string; name?: string }[] }[]
    from: { email: string; name?: string }
    subject: string
    content: { type: string; value: string }[]
  }
}

export interface FakeSendGrid {
  readonly baseUrl: string
  readonly apiKey: string
  readonly accepted: RecordedMail[]
  /** Every request, accepted or not. */
  readonly requests: number
  /** Answer the next requests with this status instead of 202 (e.g. 500), until reset with undefined. */
  failWith(status: number | undefined): void
  close(): Promise<void>
}

function bodyProblem(body: unknown): string | undefined {
  const b = body as Partial<RecordedMail['body']> | null
  if (!b || typeof b !== 'object') return 'body must be a JSON object'
  const to = b.personalizations?.[0]?.to
  if (!Array.isArray(to) || to.length === 0 || typeof to[0]?.email !== 'string') return 'personalizations[0].to needs an email'
  if (typeof b.from?.email !== 'string') return 'from.email is required'
  if (typeof b.subject !== 'string' || b.subject.length === 0) return 'subject is required'
  if (!Array.isArray(b.content) || b.content.length === 0 || !b.content.every((c) => typeof c.type === 'string' && typeof c.value === 'string' && c.value.length > 0))
    return 'content needs a type and a non-empty value'
  return undefined
}

export async function startFakeSendGrid(apiKey = 'SG.test-key-0123456789'): Promise<FakeSendGrid> {
  const accepted: RecordedMail[] = []
  let requests = 0
  let failure: number | undefined
  const loopback = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests++
      const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(payload === undefined ? '' : JSON.stringify(payload))
      }
      if (req.method !== 'POST' || req.url !== '/v3/mail/send') return reply(404, { errors: [{ message: 'not found' }] })
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }] })
      if (!String(req.headers['content-type']).startsWith('application/json')) return reply(415, { errors: [{ message: 'content-type must be JSON' }] })
      if (failure !== undefined) return reply(failure, { errors: [{ message: 'upstream trouble' }] })
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return reply(400, { errors: [{ message: 'invalid JSON' }] })
      }
      const problem = bodyProblem(body)
      if (problem) return reply(400, { errors: [{ message: problem }] })
      accepted.push({ headers: req.headers, body: body as RecordedMail['body'] })
      return reply(202, undefined, { 'x-message-id': `msg-${accepted.length}` })
    })
  })
  return {
    baseUrl: `${loopback.origin}`,
    apiKey,
    accepted,
    get requests() {
      return requests
    },
    failWith(status) {
      failure = status
    },
    close: () => loopback.close(),
  }
}
