import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_JWT_SECRET, loadConfig } from './config.js'

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('loadConfig', () => {
  it('gives the seed’s defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config.appEnv).toBe('dev')
    expect(config.port).toBe(8001)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.dataDir).toBe('./data')
    expect(config.jwt).toEqual({ secret: DEFAULT_JWT_SECRET, algorithm: 'HS256', expiryHours: 720 })
    expect(config.payments.mode).toBe('mock')
    expect(config.corsOrigins).toBe('*')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('converts numbers, booleans and lists from strings', () => {
    const config = loadConfig({ PORT: '9000', TRUST_PROXY: 'true', CORS_ORIGINS: 'https://a.in, https://b.in', ADMIN_EMAILS: 'A@X.IN,b@y.in' })
    expect(config.port).toBe(9000)
    expect(config.trustProxy).toBe(true)
    expect(config.corsOrigins).toEqual(['https://a.in', 'https://b.in'])
    expect(config.adminEmails).toEqual(['a@x.in', 'b@y.in'])
  })

  it('runs several API processes only on PostgreSQL, and reads 0 as one per core', () => {
    expect(problemsOf({ WEB_CONCURRENCY: '2' })).toEqual([
      'WEB_CONCURRENCY: 2 processes need PostgreSQL (set DATABASE_URL); the embedded PGlite serves one process',
    ])
    expect(loadConfig({ WEB_CONCURRENCY: '3', DATABASE_URL: 'postgres://x@127.0.0.1/y' }).webConcurrency).toBe(3)
    expect(loadConfig({ WEB_CONCURRENCY: '0', DATABASE_URL: 'postgres://x@127.0.0.1/y' }).webConcurrency).toBe(availableParallelism())
    expect(loadConfig({}).webConcurrency).toBe(1)
  })

  it('reads replicas as a list beside their primary, and refuses them without one or in another scheme', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x@p/db', DATABASE_REPLICA_URLS: ' postgres://x@r1/db , postgresql://x@r2/db,', REPLICA_MAX_LAG_SECONDS: '2.5' })
    expect(config.replicas).toEqual({ urls: ['postgres://x@r1/db', 'postgresql://x@r2/db'], maxLagSeconds: 2.5 })
    expect(loadConfig({}).replicas).toEqual({ urls: [], maxLagSeconds: 5 })
    expect(problemsOf({ DATABASE_REPLICA_URLS: 'postgres://x@r1/db' })).toEqual([
      'DATABASE_REPLICA_URLS: replicas need their primary in DATABASE_URL (PGlite has no replicas)',
    ])
    expect(problemsOf({ DATABASE_URL: 'postgres://x@p/db', DATABASE_REPLICA_URLS: 'mysql://u:secret@r1/db' })).toEqual([
      'DATABASE_REPLICA_URLS: not a postgres:// URL (got "mysql://…@r1/db")',
    ])
    expect(problemsOf({ REPLICA_MAX_LAG_SECONDS: '0' })[0]).toMatch(/^REPLICA_MAX_LAG_SECONDS:/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(8001)
  })

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', PAYMENTS_MODE: 'free', OTP_LENGTH: '2' })
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['OTP_LENGTH', 'PAYMENTS_MODE', 'PORT'])
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"')
  })

  it('refuses insecure defaults in production', () => {
    const problems = problemsOf({ APP_ENV: 'production' })
    expect(problems.some((p) => p.startsWith('JWT_SECRET'))).toBe(true)
    expect(problems.some((p) => p.startsWith('CORS_ORIGINS'))).toBe(true)
    expect(problems.some((p) => p.startsWith('PAYMENTS_MODE'))).toBe(true)
  })

  it('accepts a hardened production configuration', () => {
    const config = loadConfig({
      APP_ENV: 'production',
      JWT_SECRET: 'x'.repeat(48),
      CORS_ORIGINS: 'https://app.rrray.com',
      PAYMENTS_MODE: 'live',
      RAZORPAY_KEY_ID: 'rzp_live_x',
      RAZORPAY_KEY_SECRET: 's',
      RAZORPAY_WEBHOOK_SECRET: 'w',
      DATA_ENCRYPTION_KEY: 'k'.repeat(64),
    })
    expect(config.appEnv).toBe('production')
  })
})

describe('.env.example', () => {
  it('documents every variable the app reads, and no other', async () => {
    const { readFileSync } = await import('node:fs')
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
    const documented = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1])
    const { ENV_VARIABLES } = await import('./config.js')
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort())
  })
})

describe('README', () => {
  it('names every variable in its configuration section', async () => {
    const { readFileSync } = await import('node:fs')
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const { ENV_VARIABLES } = await import('./config.js')
    expect(ENV_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([])
  })
})
