import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'

const ctx = await buildTestApp()
// Redis configured but not there: readiness must say so instead of hanging
const withRedis = await buildTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } })

describe('GET /api/health', () => {
  it('reports the version and a reachable database', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', version: 'test', database: { engine: ctx.database.engine, reachable: true } })
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('echoes a request id the caller sent', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } })
    expect(res.headers['x-request-id']).toBe('abc-123')
  })
})

describe('GET /api/health/ready', () => {
  it('is ready while the database answers, and not ready while draining', async () => {
    const ready = await ctx.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect({ status: ready.statusCode, body: ready.json() }).toEqual({ status: 200, body: { status: 'ready', draining: false, checks: [{ name: 'database', ok: true }] } })
    ctx.app.readiness.draining = true
    try {
      const draining = await ctx.app.inject({ method: 'GET', url: '/api/health/ready' })
      expect({ status: draining.statusCode, body: draining.json() }).toEqual({ status: 503, body: { status: 'not_ready', draining: true, checks: [{ name: 'database', ok: true }] } })
    } finally {
      ctx.app.readiness.draining = false
    }
  })

  it('checks Redis when REDIS_URL is set: an unreachable one makes the process not ready, within the probe’s timeout', async () => {
    const res = await withRedis.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect({ status: res.statusCode, body: res.json() }).toEqual({
      status: 503, body: { status: 'not_ready', draining: false, checks: [{ name: 'database', ok: true }, { name: 'redis', ok: false }] },
    })
  })
})
