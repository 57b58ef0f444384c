// The SendGrid client against a local fake, the log provider's rules, and email OTPs end to end through the app.
import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeSendGrid } from '../../../test/fakes/sendgrid-server.js'
import { createProviders } from '../index.js'
import { createEmailOtpSender, createLogOtpSender, createSendGridClient, EmailDeliveryError, parseSender } from './index.js'

interface LogLine {
  level: number
  msg: string
  otp?: string
  message_id?: string
  err?: { message: string }
}

function capturingLogger() {
  const lines: LogLine[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine)
      done()
    },
  })
  return { logger: pino({ level: 'info' }, stream), lines }
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

const sendgrid = await startFakeSendGrid()
afterAll(() => sendgrid.close())

describe('SendGrid v3 client', () => {
  const client = createSendGridClient({ apiKey: sendgrid.apiKey, apiBase: sendgrid.baseUrl, from: 'RRRAY <no-reply@rrray.test>' })

  it('posts the v3 Mail Send body with the Bearer key and returns the message id on 202', async () => {
    const to = `parent-${randomUUID().slice(0, 6)}@example.com`
    const result = await client.sendEmail({ to, subject: 'Hello', text: 'Body text' })
    const mail = sendgrid.accepted.find((m) => m.body.personalizations[0]?.to[0]?.email === to)
    expect(mail?.headers.authorization).toBe(`Bearer ${sendgrid.apiKey}`)
    expect(mail?.body).toEqual({
      personalizations: [{ to: [{ email: to }] }],
      from: { email: 'no-reply@rrray.test', name: 'RRRAY' },
      subject: 'Hello',
      content: [{ type: 'text/plain', value: 'Body text' }],
    })
    expect(result.messageId).toBe(`msg-${sendgrid.accepted.length}`)
  })

  it('rejects with EmailDeliveryError when the key is wrong', async () => {
    const wrong = createSendGridClient({ apiKey: 'SG.wrong', apiBase: sendgrid.baseUrl, from: 'x@rrray.test' })
    await expect(wrong.sendEmail({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toMatchObject({ status: 401 })
  })

  it('rejects with EmailDeliveryError on a 5xx', async () => {
    sendgrid.failWith(503)
    try {
      await expect(client.sendEmail({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toBeInstanceOf(EmailDeliveryError)
    } finally {
      sendgrid.failWith(undefined)
    }
  })

  it('rejects with EmailDeliveryError when SendGrid cannot be reached', async () => {
    const down = createSendGridClient({ apiKey: 'k', apiBase: 'http://127.0.0.1:1', from: 'x@rrray.test' })
    await expect(down.sendEmail({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toBeInstanceOf(EmailDeliveryError)
  })

  it.each([
    ['RRRAY <no-reply@rrray.com>', { email: 'no-reply@rrray.com', name: 'RRRAY' }],
    ['"Team RRRAY" <team@rrray.com>', { email: 'team@rrray.com', name: 'Team RRRAY' }],
    ['plain@rrray.com', { email: 'plain@rrray.com' }],
  ])('parses the sender %j', (from, expected) => {
    expect(parseSender(from)).toEqual(expected)
  })
})

describe('OTP senders', () => {
  it('the email sender logs a 5xx instead of throwing', async () => {
    const { logger, lines } = capturingLogger()
    const sender = createEmailOtpSender({ email: createSendGridClient({ apiKey: sendgrid.apiKey, apiBase: sendgrid.baseUrl, from: 'x@rrray.test' }), logger })
    sendgrid.failWith(500)
    try {
      await expect(sender.send({ channel: 'email', to: 'a@example.com', code: '123456', expiresInMinutes: 5 })).resolves.toBeUndefined()
    } finally {
      sendgrid.failWith(undefined)
    }
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'OTP email delivery failed' }))
    expect(JSON.stringify(lines)).not.toContain('123456')
  })

  it('the log sender writes the code at info level in dev/test only', async () => {
    const dev = capturingLogger()
    await createLogOtpSender({ logger: dev.logger, revealCodes: true }).send({ channel: 'phone', to: '+919876543210', code: '424242', expiresInMinutes: 5 })
    expect(dev.lines).toContainEqual(expect.objectContaining({ level: 30, otp: '424242' }))
    const prod = capturingLogger()
    await createLogOtpSender({ logger: prod.logger, revealCodes: false }).send({ channel: 'phone', to: '+919876543210', code: '424242', expiresInMinutes: 5 })
    expect(prod.lines).toHaveLength(1)
    expect(JSON.stringify(prod.lines)).not.toContain('424242')
  })
})

const { logger, lines } = capturingLogger()
const ctx = await buildTestApp({
  env: { NOTIFY_PROVIDER: 'email', SENDGRID_API_KEY: sendgrid.apiKey, SENDGRID_API_BASE: sendgrid.baseUrl, FROM_EMAIL: 'RRRAY <otp@rrray.test>' },
  providers: (config) => createProviders(config, { logger }),
})

describe('email OTP through the app (NOTIFY_PROVIDER=email)', () => {

  it('mails the code through SendGrid; the answer does not contain it', async () => {
    const to = `otp-${randomUUID().slice(0, 6)}@example.com`
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: to } })
    expect(res.statusCode).toBe(200)
    await waitFor(() => sendgrid.accepted.some((m) => m.body.personalizations[0]?.to[0]?.email === to))
    const mail = sendgrid.accepted.find((m) => m.body.personalizations[0]?.to[0]?.email === to)
    const code = /\b(\d{6})\b/.exec(mail?.body.content[0]?.value ?? '')?.[1]
    expect(code).toMatch(/^\d{6}$/)
    expect(mail?.body.from).toEqual({ email: 'otp@rrray.test', name: 'RRRAY' })
    expect(res.body).not.toContain(code)
    const verify = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: to, otp: code } })
    expect(verify.statusCode).toBe(200)
  })

  it('still answers 200 when SendGrid fails, and logs the failure', async () => {
    sendgrid.failWith(502)
    try {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: `f-${randomUUID().slice(0, 6)}@example.com` } })
      expect(res.statusCode).toBe(200)
      await waitFor(() => lines.some((l) => l.msg === 'OTP email delivery failed'))
    } finally {
      sendgrid.failWith(undefined)
    }
    expect(lines.filter((l) => l.msg === 'OTP email delivery failed').at(-1)?.err?.message).toContain('HTTP 502')
  })

  it('keeps phones on the log provider (no SMS provider)', async () => {
    const before = sendgrid.requests
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: '9123456780' } })
    expect(res.statusCode).toBe(200)
    await waitFor(() => lines.some((l) => l.otp !== undefined))
    expect(lines.some((l) => l.msg === 'OTP (log provider)')).toBe(true)
    expect(sendgrid.requests).toBe(before)
  })
})
