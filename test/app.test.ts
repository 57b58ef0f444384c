// Cross-cutting behaviour of the whole app: the OpenAPI inventory, security headers, CORS and rate limits.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from './build-test-app.js'

const ctx = await buildTestApp({ env: { CORS_ORIGINS: 'https://app.rrray.com,https://partner.rrray.com' } })

interface OpenApiOperation {
  summary?: string
  tags?: string[]
  responses?: Record<string, { content?: Record<string, { schema?: { examples?: unknown[]; example?: unknown }; example?: unknown; examples?: unknown }> }>
}

describe('OpenAPI document', () => {
  const doc = () => ctx.app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> }

  it('is served at /openapi.json and Swagger UI at /docs', async () => {
    const res = await ctx.app.inject('/openapi.json')
    expect(res.statusCode).toBe(200)
    expect(res.json().openapi).toMatch(/^3\./)
    expect((await ctx.app.inject('/docs/')).statusCode).toBe(200)
  })

  it('documents every route the app serves, with a summary, a tag and a response schema with an example', () => {
    const paths = doc().paths
    const routes = ctx.app.routeInventory.filter(
      (r) => r.documented && r.method !== 'HEAD' && !r.url.startsWith('/docs') && r.url !== '/openapi.json' && r.url !== '*',
    )
    expect(routes.length).toBeGreaterThan(0)
    const problems: string[] = []
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}').replace(/\/$/, '') || '/'
      const op = paths[path]?.[route.method.toLowerCase()]
      if (!op) {
        problems.push(`${route.method} ${route.url}: not in OpenAPI`)
        continue
      }
      if (!op.summary) problems.push(`${route.method} ${route.url}: no summary`)
      if (!op.tags?.length) problems.push(`${route.method} ${route.url}: no tag`)
      const success = Object.entries(op.responses ?? {}).find(([status]) => /^2/.test(status))
      const media = success?.[1].content?.['application/json']
      const schema = media?.schema
      // OpenAPI 3.0 moves a schema's examples onto its media object
      const hasExample = media?.example !== undefined || media?.examples !== undefined || Boolean(schema?.examples?.length) || schema?.example !== undefined
      const isEmpty = success?.[0] === '204'
      // a file download (a PDF) documents a binary body instead of JSON
      const isBinary = !media && Object.values(success?.[1].content ?? {}).some((m) => (m.schema as { format?: string } | undefined)?.format === 'binary')
      if (!success) problems.push(`${route.method} ${route.url}: no 2xx response schema`)
      else if (isBinary) continue
      else if (!isEmpty && !schema) problems.push(`${route.method} ${route.url}: 2xx response has no JSON schema`)
      else if (!isEmpty && !hasExample) problems.push(`${route.method} ${route.url}: no example`)
    }
    expect(problems).toEqual([])
  })
})

describe('security headers', () => {
  it('sets the headers a JSON API needs and hides the framework', async () => {
    const res = await ctx.app.inject('/api/health')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['strict-transport-security']).toContain('max-age=')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })
})

describe('CORS', () => {
  it('allows a listed origin with credentials', async () => {
    const res = await ctx.app.inject({ url: '/api/health', headers: { origin: 'https://app.rrray.com' } })
    expect(res.headers['access-control-allow-origin']).toBe('https://app.rrray.com')
    expect(res.headers['access-control-allow-credentials']).toBe('true')
  })

  it('never echoes an unknown origin', async () => {
    const res = await ctx.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers a preflight for a listed origin', async () => {
    const res = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/health',
      headers: { origin: 'https://partner.rrray.com', 'access-control-request-method': 'POST' },
    })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe('https://partner.rrray.com')
  })
})

describe('CORS with the development default *', async () => {
  const open = await buildTestApp({ database: ctx.database })
  it('allows any origin but never with credentials', async () => {
    const res = await open.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
  })
})
