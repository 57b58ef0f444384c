// Text messages to Indian mobiles: a transactional alert (a DLT-registered template and its variables) or a sign-in code.
import type { ProviderLogger } from '../notify/otp-sender.js'

export interface SmsMessage {
  /** E.164, e.g. +919876543210. */
  readonly to: string
  /** The full text, as registered (Twilio sends it; MSG91 fills its DLT template from `vars`). */
  readonly text: string
  /** Which registered template this is (a notification kind); MSG91 maps it to its DLT template id. */
  readonly template: string
  readonly vars: Readonly<Record<string, string>>
}

export interface SmsSender {
  /** Resolves with the provider's message id once accepted; rejects with SmsDeliveryError otherwise. */
  send(message: SmsMessage): Promise<{ messageId: string | undefined }>
  /** A sign-in code; MSG91 uses its SendOTP API (the OTP template), others a plain text. */
  sendOtp(to: string, code: string, expiresInMinutes: number): Promise<{ messageId: string | undefined }>
  /** False for templates the provider cannot send (MSG91 without a DLT template id for it): such alerts are skipped. */
  supports(template: string): boolean
}

export class SmsDeliveryError extends Error {
  constructor(readonly provider: string, readonly status: number | undefined, detail: string) {
    super(`${provider} refused the SMS${status ? ` (HTTP ${status})` : ''}: ${detail}`)
  }
}

/** The offline provider: one log line per message (codes only where revealCodes, i.e. dev/test). */
export function createLogSmsSender(options: { logger: ProviderLogger; revealCodes: boolean }): SmsSender {
  return {
    async send(message) {
      options.logger.info({ channel: 'sms', template: message.template, to: options.revealCodes ? message.to : undefined }, 'SMS (log provider)')
      return { messageId: undefined }
    },
    async sendOtp(to, code) {
      if (options.revealCodes) options.logger.info({ channel: 'phone', to, otp: code }, 'OTP (log provider)')
      else options.logger.warn({ channel: 'phone' }, 'OTP not delivered: no delivery provider is configured for this channel')
      return { messageId: undefined }
    },
    supports: () => true,
  }
}

/** POSTs and reads JSON, turning a network failure or a non-2xx answer into SmsDeliveryError. */
export async function postForJson(provider: string, url: string, init: { headers: Record<string, string>; body: string; timeoutMs?: number }): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(init.timeoutMs ?? 10_000) })
  } catch (err) {
    throw new SmsDeliveryError(provider, undefined, err instanceof Error ? err.message : 'network error')
  }
  const text = await response.text().catch(() => '')
  if (response.status < 200 || response.status >= 300) throw new SmsDeliveryError(provider, response.status, text.slice(0, 500) || response.statusText)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new SmsDeliveryError(provider, response.status, 'the answer is not JSON')
  }
}
