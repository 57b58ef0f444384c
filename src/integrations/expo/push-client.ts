// Push notifications through Expo's push service: send answers one ticket per message; receipts are asked for later.
import { randomUUID } from 'node:crypto'
import type { ProviderLogger } from '../notify/otp-sender.js'

export interface PushMessage {
  readonly to: string
  readonly title: string
  readonly body: string
  readonly data?: Readonly<Record<string, unknown>>
  readonly priority?: 'default' | 'normal' | 'high'
}

/** Expo's answer for one message: accepted with a receipt id, or refused (DeviceNotRegistered: drop the token). */
export type PushTicket = { status: 'ok'; id: string } | { status: 'error'; message: string; error: string | undefined }
export type PushReceipt = { status: 'ok' } | { status: 'error'; message: string; error: string | undefined }

export interface PushClient {
  /** One ticket per message, in order; rejects with PushDeliveryError when Expo cannot be reached or refuses the request. */
  send(messages: readonly PushMessage[]): Promise<PushTicket[]>
  /** Receipts by ticket id; ids Expo does not know yet are missing from the answer. */
  getReceipts(ids: readonly string[]): Promise<Record<string, PushReceipt>>
}

export class PushDeliveryError extends Error {
  constructor(readonly status: number | undefined, detail: string) {
    super(`Expo refused the push request${status ? ` (HTTP ${status})` : ''}: ${detail}`)
  }
}

export const isExpoPushToken = (token: string): boolean => /^Expo(nent)?PushToken\[[^\]\s]{1,200}\]$/.test(token)

// limits of Expo's service (expo-server-sdk): 100 messages per send, 300 receipt ids per request
const SEND_CHUNK = 100
const RECEIPT_CHUNK = 300

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

type RawStatus = { status?: string; id?: string; message?: string; details?: { error?: string } }
const toOutcome = (raw: RawStatus | undefined) =>
  raw?.status === 'ok' ? ({ status: 'ok' } as const) : ({ status: 'error', message: raw?.message ?? 'no answer', error: raw?.details?.error } as const)

export function createExpoPushClient(options: { apiBase: string; accessToken: string; timeoutMs?: number }): PushClient {
  const base = `${options.apiBase.replace(/\/+$/, '')}/--/api/v2/push`
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip, deflate', 'content-type': 'application/json' }
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`
  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await fetch(`${base}/${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) })
    } catch (err) {
      throw new PushDeliveryError(undefined, err instanceof Error ? err.message : 'network error')
    }
    const text = await response.text().catch(() => '')
    if (response.status !== 200) throw new PushDeliveryError(response.status, text.slice(0, 500) || response.statusText)
    const parsed = JSON.parse(text) as { data?: unknown; errors?: { message?: string }[] }
    if (parsed.errors?.length) throw new PushDeliveryError(response.status, parsed.errors.map((e) => e.message).join('; '))
    return parsed.data
  }
  return {
    async send(messages) {
      const tickets: PushTicket[] = []
      for (const chunk of chunks(messages, SEND_CHUNK)) {
        const data = (await post('send', chunk.map((m) => ({ sound: 'default', ...m })))) as RawStatus[] | undefined
        if (!Array.isArray(data) || data.length !== chunk.length) throw new PushDeliveryError(200, 'tickets do not match the messages')
        for (const raw of data) tickets.push(raw.status === 'ok' && raw.id ? { status: 'ok', id: raw.id } : (toOutcome(raw) as PushTicket))
      }
      return tickets
    },
    async getReceipts(ids) {
      const receipts: Record<string, PushReceipt> = {}
      for (const chunk of chunks(ids, RECEIPT_CHUNK)) {
        const data = ((await post('getReceipts', { ids: chunk })) ?? {}) as Record<string, RawStatus>
        for (const [id, raw] of Object.entries(data)) receipts[id] = toOutcome(raw)
      }
      return receipts
    },
  }
}

/** The offline provider: logs each push and answers ok tickets (and ok receipts for them). */
export function createLogPushClient(options: { logger: ProviderLogger }): PushClient {
  return {
    async send(messages) {
      return messages.map((m) => {
        options.logger.info({ channel: 'push', title: m.title }, 'push (log provider)')
        return { status: 'ok', id: `log-${randomUUID()}` }
      })
    },
    async getReceipts(ids) {
      return Object.fromEntries(ids.map((id) => [id, { status: 'ok' } as const]))
    },
  }
}
