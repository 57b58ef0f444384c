// Local stand-ins for MSG91 (Flow API and SendOTP v5, `authkey` header) and Twilio's Messages API (Basic auth, form body).
import { type IncomingHttpHeaders } from 'node:http'
import { listenOnLoopback } from './fake-http.js'

export interface RecordedSms {
  path: string
  headers: IncomingHttpHeaders
  query: Record<string, string>
  /** JSON for MSG91, the form fields for Twilio. */
  body: Record<string, unknown>
}

export interface FakeSmsProvider {
  readonly baseUrl: string
  readonly accepted: RecordedSms[]
  failWith(status: number | undefined): void
  close(): Promise<void>
}

async function start(handle: (req: { method: string; path: string; query: Record<string, string>; headers: IncomingHttpHeaders; raw: string }) => { status: number; payload: unknown; record?: RecordedSms }): Promise<FakeSmsProvider> {
  const accepted: RecordedSms[] = []
  let failure: number | undefined
  const loopback = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const answer = failure !== undefined
        ? { status: failure, payload: { message: 'upstream trouble', type: 'error' } }
        : handle({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') })
      if (answer.record) accepted.push(answer.record)
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer.payload))
    })
  })
  return {
    baseUrl: `${loopback.origin}`,
    accepted,
    failWith(status) {
      failure = status
    },
    close: () => loopback.close(),
  }
}

export function startFakeMsg91(authKey = 'msg91-test-key'): Promise<FakeSmsProvider> {
  let next = 0
  return start(({ method, path, query, headers, raw }) => {
    if (method !== 'POST') return { status: 405, payload: { type: 'error', message: 'method' } }
    if (headers.authkey !== authKey) return { status: 401, payload: { type: 'error', message: 'AuthenticationFailure' } }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>
    } catch {
      return { status: 400, payload: { type: 'error', message: 'invalid JSON' } }
    }
    const record = { path, headers, query, body }
    if (path === '/api/v5/flow/') {
      const recipients = body.recipients as Array<{ mobiles?: string }> | undefined
      if (typeof body.template_id !== 'string' || !recipients?.length || !recipients.every((r) => /^91\d{10}$/.test(r.mobiles ?? '')))
        return { status: 400, payload: { type: 'error', message: 'template_id and recipients[].mobiles (91XXXXXXXXXX) are required' } }
      return { status: 200, payload: { type: 'success', message: `flow-${++next}` }, record }
    }
    if (path === '/api/v5/otp') {
      if (!query.template_id || !/^91\d{10}$/.test(query.mobile ?? '') || !/^\d{4,8}$/.test(query.otp ?? ''))
        return { status: 400, payload: { type: 'error', message: 'template_id, mobile and otp are required' } }
      return { status: 200, payload: { type: 'success', request_id: `otp-${++next}` }, record }
    }
    return { status: 404, payload: { type: 'error', message: 'not found' } }
  })
}

export function startFakeTwilio(accountSid = 'AC0123456789abcdef0123456789abcdef', authToken = 'twilio-test-token'): Promise<FakeSmsProvider> {
  let next = 0
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
  return start(({ method, path, headers, raw, query }) => {
    if (method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return { status: 404, payload: { code: 20404, message: 'not found' } }
    if (headers.authorization !== basic) return { status: 401, payload: { code: 20003, message: 'Authenticate' } }
    if (!String(headers['content-type']).startsWith('application/x-www-form-urlencoded')) return { status: 400, payload: { code: 21000, message: 'form body expected' } }
    const form = Object.fromEntries(new URLSearchParams(raw))
    if (!form.To || !form.Body || !(form.From || form.MessagingServiceSid)) return { status: 400, payload: { code: 21604, message: 'To, Body and From are required' } }
    const sid = `SM${String(++next).padStart(32, '0')}`
    return { status: 201, payload: { sid, status: 'queued', to: form.To, body: form.Body }, record: { path, headers, query, body: form } }
  })
}
