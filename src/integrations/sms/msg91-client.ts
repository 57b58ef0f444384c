// MSG91: alerts through the Flow API (a DLT template id per alert, its variables per recipient), codes through SendOTP v5.
import { postForJson, SmsDeliveryError, type SmsSender } from './sms-sender.js'

export interface Msg91Options {
  authKey: string
  apiBase: string
  /** The SendOTP template (its DLT text holds ##OTP##). */
  otpTemplateId: string
  /** DLT template ids by notification kind. */
  templateIds: Readonly<Record<string, string>>
  timeoutMs?: number
}

/** MSG91 wants the country code without the plus: 91XXXXXXXXXX. */
const msisdn = (e164: string) => e164.replace(/^\+/, '')

function checked(answer: unknown, status = 200): { messageId: string | undefined } {
  const a = answer as { type?: string; message?: string; request_id?: string } | null
  if (!a || a.type !== 'success') throw new SmsDeliveryError('MSG91', status, a?.message ?? 'unexpected answer')
  return { messageId: a.request_id ?? a.message }
}

export function createMsg91Client(options: Msg91Options): SmsSender {
  const base = options.apiBase.replace(/\/+$/, '')
  const headers = { authkey: options.authKey, 'content-type': 'application/json', accept: 'application/json' }
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }
  return {
    supports: (template) => Boolean(options.templateIds[template]),
    async send(message) {
      const templateId = options.templateIds[message.template]
      if (!templateId) throw new SmsDeliveryError('MSG91', undefined, `no DLT template id for ${message.template}`)
      const body = { template_id: templateId, short_url: '0', recipients: [{ mobiles: msisdn(message.to), ...message.vars }] }
      return checked(await postForJson('MSG91', `${base}/api/v5/flow/`, { headers, body: JSON.stringify(body), ...timeout }))
    },
    async sendOtp(to, code, expiresInMinutes) {
      const query = new URLSearchParams({ template_id: options.otpTemplateId, mobile: msisdn(to), otp: code, otp_expiry: String(expiresInMinutes) })
      return checked(await postForJson('MSG91', `${base}/api/v5/otp?${query.toString()}`, { headers, body: '{}', ...timeout }))
    },
  }
}
