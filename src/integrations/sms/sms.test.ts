// The MSG91 and Twilio clients against local fakes, and phone sign-in codes by SMS through the app (SMS_PROVIDER=msg91).
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeMsg91, startFakeTwilio } from '../../../test/fakes/sms-servers.js'
import { loadConfig } from '../../config.js'
import { createMsg91Client, createTwilioClient, SmsDeliveryError } from './index.js'

const msg91 = await startFakeMsg91()
const twilio = await startFakeTwilio()
afterAll(() => Promise.all([msg91.close(), twilio.close()]))

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('MSG91 client', () => {
  const client = createMsg91Client({ authKey: 'msg91-test-key', apiBase: msg91.baseUrl, otpTemplateId: 'otp-tpl', templateIds: { booking_confirmed: '1107160000000000001' } })

  it('sends an alert through the Flow API with its DLT template id and variables, to 91XXXXXXXXXX', async () => {
    const result = await client.send({ to: '+919812345670', text: 'Booking confirmed', template: 'booking_confirmed', vars: { title: 'Booking confirmed', text: 'Your booking…' } })
    const sent = msg91.accepted.at(-1)!
    expect(sent.path).toBe('/api/v5/flow/')
    expect(sent.headers.authkey).toBe('msg91-test-key')
    expect(sent.body).toEqual({ template_id: '1107160000000000001', short_url: '0', recipients: [{ mobiles: '919812345670', title: 'Booking confirmed', text: 'Your booking…' }] })
    expect(result.messageId).toMatch(/^flow-/)
  })

  it('supports only kinds with a DLT template id', async () => {
    expect(client.supports('booking_confirmed')).toBe(true)
    expect(client.supports('badge_awarded')).toBe(false)
    await expect(client.send({ to: '+919812345670', text: 't', template: 'badge_awarded', vars: {} })).rejects.toBeInstanceOf(SmsDeliveryError)
  })

  it('sends a code through SendOTP v5', async () => {
    await client.sendOtp('+919812345671', '482913', 5)
    const sent = msg91.accepted.at(-1)!
    expect(sent.path).toBe('/api/v5/otp')
    expect(sent.query).toEqual({ template_id: 'otp-tpl', mobile: '919812345671', otp: '482913', otp_expiry: '5' })
  })

  it('rejects on a wrong key, a 5xx and an unreachable server', async () => {
    const wrong = createMsg91Client({ authKey: 'nope', apiBase: msg91.baseUrl, otpTemplateId: 'otp-tpl', templateIds: {} })
    await expect(wrong.sendOtp('+919812345671', '1234', 5)).rejects.toMatchObject({ status: 401 })
    msg91.failWith(502)
    try {
      await expect(client.sendOtp('+919812345671', '1234', 5)).rejects.toBeInstanceOf(SmsDeliveryError)
    } finally {
      msg91.failWith(undefined)
    }
    const down = createMsg91Client({ authKey: 'k', apiBase: 'http://127.0.0.1:1', otpTemplateId: 'x', templateIds: {} })
    await expect(down.sendOtp('+919812345671', '1234', 5)).rejects.toBeInstanceOf(SmsDeliveryError)
  })
})

describe('Twilio client', () => {
  const client = createTwilioClient({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token', from: '+15005550006', apiBase: twilio.baseUrl })

  it('posts To/From/Body form-encoded with Basic auth and returns the sid', async () => {
    const result = await client.send({ to: '+919812345672', text: 'Starting soon', template: 'session_reminder_2h', vars: {} })
    const sent = twilio.accepted.at(-1)!
    expect(sent.body).toEqual({ To: '+919812345672', From: '+15005550006', Body: 'Starting soon' })
    expect(result.messageId).toMatch(/^SM/)
  })

  it('uses a Messaging Service SID as the sender when given one, and rejects a wrong token', async () => {
    const service = createTwilioClient({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token', from: 'MG123', apiBase: twilio.baseUrl })
    await service.sendOtp('+919812345673', '123456', 5)
    expect(twilio.accepted.at(-1)!.body).toMatchObject({ MessagingServiceSid: 'MG123', Body: expect.stringContaining('123456') })
    const wrong = createTwilioClient({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'bad', from: '+15005550006', apiBase: twilio.baseUrl })
    await expect(wrong.sendOtp('+919812345673', '1', 5)).rejects.toMatchObject({ status: 401 })
  })
})

describe('configuration', () => {
  it('refuses a provider without its credentials', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'msg91' })).toThrow(/MSG91_AUTH_KEY/)
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' })).toThrow(/TWILIO_AUTH_TOKEN/)
    expect(loadConfig({ SMS_PROVIDER: 'msg91', MSG91_AUTH_KEY: 'k', MSG91_OTP_TEMPLATE_ID: 't', MSG91_TEMPLATE_IDS: 'booking_confirmed:11, waitlist_offer:22' }).sms.msg91.templateIds)
      .toEqual({ booking_confirmed: '11', waitlist_offer: '22' })
  })
})

const ctx = await buildTestApp({ env: { SMS_PROVIDER: 'msg91', MSG91_AUTH_KEY: 'msg91-test-key', MSG91_API_BASE: msg91.baseUrl, MSG91_OTP_TEMPLATE_ID: 'otp-tpl' } })

describe('phone sign-in with SMS_PROVIDER=msg91', () => {
  it('sends the code by SMS, and it signs in', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: '9123456781' } })
    expect(res.statusCode).toBe(200)
    await waitFor(() => msg91.accepted.some((m) => m.query.mobile === '919123456781'))
    const code = msg91.accepted.find((m) => m.query.mobile === '919123456781')!.query.otp!
    expect(res.body).not.toContain(code)
    const verify = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: '9123456781', otp: code } })
    expect(verify.statusCode).toBe(200)
  })
})
