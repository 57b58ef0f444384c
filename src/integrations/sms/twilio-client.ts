// Twilio's Messages API: form-encoded To/From/Body with HTTP Basic auth (Account SID : auth token).
import { postForJson, SmsDeliveryError, type SmsSender } from './sms-sender.js'

export interface TwilioOptions {
  accountSid: string
  authToken: string
  /** A sender number (E.164) or a Messaging Service SID (MG…). */
  from: string
  apiBase: string
  timeoutMs?: number
}

export function createTwilioClient(options: TwilioOptions): SmsSender {
  const url = `${options.apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`
  const sender: Record<string, string> = options.from.startsWith('MG') ? { MessagingServiceSid: options.from } : { From: options.from }
  async function post(to: string, text: string) {
    const form = new URLSearchParams({ To: to, ...sender, Body: text })
    const answer = (await postForJson('Twilio', url, {
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    })) as { sid?: string; status?: string } | null
    if (!answer?.sid || answer.status === 'failed') throw new SmsDeliveryError('Twilio', undefined, `message ${answer?.status ?? 'not accepted'}`)
    return { messageId: answer.sid }
  }
  return {
    supports: () => true,
    send: (message) => post(message.to, message.text),
    sendOtp: (to, code, expiresInMinutes) => post(to, `${code} is your RRRAY sign-in code. It expires in ${expiresInMinutes} minutes. Do not share it.`),
  }
}
