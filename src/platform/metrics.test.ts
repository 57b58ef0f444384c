import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../test/build-test-app.js'
import { createUser, giveCredits } from '../../test/factories.js'

const TOKEN = 'metrics-token-for-tests-0123456789'

describe('GET /metrics', async () => {
  const ctx = await buildTestApp({ env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '3' } })
  const scrape = async () => (await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body
  const sample = (text: string, series: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `))
    return line === undefined ? undefined : Number(line.slice(series.length + 1))
  }

  it('refuses a scrape without the token, or with another one', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401)
    const wrong = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })
    expect({ status: wrong.statusCode, code: wrong.json<{ code: string }>().code }).toEqual({ status: 401, code: 'INVALID_METRICS_TOKEN' })
  })

  it('counts requests per route template and status, and rate-limit refusals per route', async () => {
    for (let i = 0; i < 5; i++) await ctx.app.inject({ method: 'GET', url: '/api/categories', remoteAddress: '10.9.8.7' })
    const text = await scrape()
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/categories",status="200"}')).toBe(3)
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/categories",status="429"}')).toBe(2)
    expect(sample(text, 'rate_limit_refusals_total{route="/api/categories"}')).toBe(2)
  })

  it('reports the modules’ figures from the database and the job queues', async () => {
    const parent = await createUser(ctx.database.db)
    await giveCredits(ctx.database.db, parent.id, 7, new Date(ctx.clock.now().getTime() + 86_400_000))
    const text = await scrape()
    expect(sample(text, 'rrray_credit_movements{entry_type="grant"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'rrray_credits_moved{entry_type="grant"}')).toBeGreaterThanOrEqual(7)
    for (const family of ['rrray_bookings', 'rrray_payments', 'rrray_refunds', 'job_queue_jobs', 'webhook_duplicates_total', 'process_resident_memory_bytes'])
      expect(text).toContain(`# TYPE ${family} `)
  })
})
