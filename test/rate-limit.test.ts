// Per-IP rate limits, in memory and in Redis (the store several API processes share).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from './build-test-app.js'

const redisUrl = process.env.REDIS_TEST_URL

async function hitUntilLimited(ctx: Awaited<ReturnType<typeof buildTestApp>>, ip: string) {
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/categories', remoteAddress: ip })
    statuses.push(res.statusCode)
    if (res.statusCode === 429) return { statuses, last: res }
  }
  return { statuses, last: undefined }
}

describe('rate limits in memory', async () => {
  const ctx = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } })

  it('answers 429 in the API’s error shape with Retry-After once an IP passes the limit', async () => {
    const { statuses, last } = await hitUntilLimited(ctx, '10.9.0.1')
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(last?.json()).toMatchObject({ code: 'RATE_LIMITED' })
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('counts each IP on its own', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/categories', remoteAddress: '10.9.0.2' })
    expect(res.statusCode).toBe(200)
  })
})

describe.runIf(redisUrl)('rate limits in Redis', async () => {
  // two app instances share one Redis: the limit holds across processes
  const env = { RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: redisUrl ?? '' }
  const first = await buildTestApp({ env })
  const second = await buildTestApp({ env, database: first.database })

  it('shares the count between app instances', async () => {
    const ip = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    const tag = randomUUID()
    const statuses: number[] = []
    for (const ctx of [first, second, first, second]) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/categories?t=${tag}`, remoteAddress: ip })
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})
