import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'

const ctx = await buildTestApp()

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
