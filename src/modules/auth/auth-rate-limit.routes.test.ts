// Per-IP and per-email limits on the sign-in routes (@fastify/rate-limit), with a small AUTH_RATE_LIMIT_PER_MINUTE.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { mobile } from '../../../test/factories.js'

const LIMIT = 3
const ctx = await buildTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT) } })
let nextIp = 1
const freshIp = () => `10.9.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`
const email = () => `rl-${randomUUID().slice(0, 8)}@example.com`

const login = (address: string, remoteAddress: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: address, password: 'wrong-password-1' }, remoteAddress })

describe('sign-in rate limits', () => {
  it('limits send-otp per client IP', async () => {
    const ip = freshIp()
    for (let i = 0; i < LIMIT; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: mobile() }, remoteAddress: ip })
      expect(res.statusCode).toBe(200)
    }
    const limited = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: mobile() }, remoteAddress: ip })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    const other = await ctx.app.inject({ method: 'POST', url: '/api/auth/send-otp', payload: { identifier: mobile() }, remoteAddress: freshIp() })
    expect(other.statusCode).toBe(200)
  })

  it('limits verify-otp per client IP', async () => {
    const ip = freshIp()
    const codes = []
    for (let i = 0; i <= LIMIT; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/verify-otp', payload: { identifier: mobile(), otp: '123456' }, remoteAddress: ip })
      codes.push(res.statusCode)
    }
    expect(codes).toEqual([...Array<number>(LIMIT).fill(401), 429])
  })

  it('limits login per email, across IPs', async () => {
    const address = email()
    const statuses = []
    for (let i = 0; i <= LIMIT; i++) statuses.push((await login(address, freshIp())).statusCode)
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429])
    // the same email in another case is the same key
    expect((await login(address.toUpperCase(), freshIp())).statusCode).toBe(429)
    expect((await login(email(), freshIp())).statusCode).toBe(401)
  })

  it('limits login per client IP, across emails', async () => {
    const ip = freshIp()
    const statuses = []
    for (let i = 0; i <= LIMIT; i++) statuses.push((await login(email(), ip)).statusCode)
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429])
  })

  it('limits register per client IP', async () => {
    const ip = freshIp()
    const statuses = []
    for (let i = 0; i <= LIMIT; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { name: 'x', email: 'bad' }, remoteAddress: ip })
      statuses.push(res.statusCode)
    }
    expect(statuses.at(-1)).toBe(429)
  })
})
