// A local stand-in for Expo's push service: /--/api/v2/push/send answers a ticket per message (DeviceNotRegistered for
// tokens marked unregistered), /--/api/v2/push/getReceipts answers receipts for the tickets it issued.
import { type IncomingHttpHeaders } from 'node:http'
import { listenOnLoopback } from './fake-http.js'

export interface RecordedPush {
  headers: IncomingHttpHeaders
  message: { to: string; title?: string; body?: string; data?: Record<string, unknown>; sound?: string; priority?: string }
}

export interface FakeExpoPush {
  readonly baseUrl: string
  readonly sent: RecordedPush[]
  readonly receiptRequests: string[][]
  /** The token is refused at send time with DeviceNotRegistered. */
  unregisterAtSend(token: string): void
  /** The token's tickets are ok, but their receipts say DeviceNotRegistered (the app was uninstalled since). */
  unregisterAtReceipt(token: string): void
  failWith(status: number | undefined): void
  close(): Promise<void>
}

const PATH = '/--/api/v2/push'

export async function startFakeExpoPush(): Promise<FakeExpoPush> {
  const sent: RecordedPush[] = []
  const receiptRequests: string[][] = []
  const goneAtSend = new Set<string>()
  const goneAtReceipt = new Set<string>()
  const tickets = new Map<string, string>()
  let failure: number | undefined
  let next = 0
  const loopback = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      if (failure !== undefined) return reply(failure, { errors: [{ code: 'INTERNAL_SERVER_ERROR', message: 'upstream trouble' }] })
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) return reply(400, { errors: [{ message: 'bad request' }] })
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return reply(400, { errors: [{ code: 'VALIDATION_ERROR', message: 'invalid JSON' }] })
      }
      if (req.url === `${PATH}/send`) {
        const messages = (Array.isArray(body) ? body : [body]) as RecordedPush['message'][]
        if (messages.length > 100) return reply(400, { errors: [{ code: 'PUSH_TOO_MANY_NOTIFICATIONS', message: 'at most 100 messages' }] })
        const data = messages.map((message) => {
          sent.push({ headers: req.headers, message })
          if (goneAtSend.has(message.to))
            return { status: 'error', message: `"${message.to}" is not a registered push notification recipient`, details: { error: 'DeviceNotRegistered' } }
          const id = `ticket-${++next}`
          tickets.set(id, message.to)
          return { status: 'ok', id }
        })
        return reply(200, { data })
      }
      if (req.url === `${PATH}/getReceipts`) {
        const ids = (body as { ids?: string[] }).ids ?? []
        receiptRequests.push(ids)
        const data = Object.fromEntries(
          ids.filter((id) => tickets.has(id)).map((id) => [
            id,
            goneAtReceipt.has(tickets.get(id)!) ? { status: 'error', message: 'The device cannot receive push notifications', details: { error: 'DeviceNotRegistered' } } : { status: 'ok' },
          ]),
        )
        return reply(200, { data })
      }
      return reply(404, { errors: [{ message: 'not found' }] })
    })
  })
  return {
    baseUrl: `${loopback.origin}`,
    sent,
    receiptRequests,
    unregisterAtSend: (token) => void goneAtSend.add(token),
    unregisterAtReceipt: (token) => void goneAtReceipt.add(token),
    failWith(status) {
      failure = status
    },
    close: () => loopback.close(),
  }
}
