// WEB_CONCURRENCY=2 as a real process tree on PostgreSQL: the primary migrates once and runs two workers on one port,
// both serve, a worker killed with SIGKILL is replaced while the other keeps serving, and SIGTERM stops them all.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabaseUrl, usingPostgres } from '../test-database.js'

interface LogLine { msg?: string; pid?: number }

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A GET status; a kept-alive connection to a worker that was just killed fails once, as it would for any client. */
async function statusOf(url: string): Promise<number> {
  // a bounded wait: a request that hangs fails the test instead of holding the suite. A connection the primary handed
  // to a worker in the instant it was killed is lost with it, so a client tries again (three times at most)
  for (let attempt = 1; ; attempt++) {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status
    } catch (err) {
      if (attempt === 3) throw err
    }
  }
}

describe.runIf(usingPostgres())('WEB_CONCURRENCY=2', async () => {
  const database = usingPostgres() ? await createTestDatabaseUrl() : undefined
  const started: number[] = []
  afterAll(async () => {
    // a failed run must not leave a primary restarting workers behind it
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    await database?.drop()
  })

  it('serves from two workers, replaces one that dies, and stops on SIGTERM', async () => {
    const port = String(21_000 + (process.pid % 20_000))
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false',
        DATABASE_URL: database?.url ?? '', WEB_CONCURRENCY: '2', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', PORT: port, HOST: '127.0.0.1', SHUTDOWN_DRAIN_SECONDS: '1',
      },
    })
    if (child.pid) started.push(child.pid)
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const lines = (): LogLine[] => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine)
    const workerPids = () => {
      const pids = lines().filter((l) => l.msg?.startsWith('RRRAY API')).map((l) => l.pid ?? 0)
      started.push(...pids.filter((pid) => !started.includes(pid)))
      return pids
    }
    const servingPids = () => new Set(lines().filter((l) => l.msg === 'request completed').map((l) => l.pid))

    await waitFor(() => workerPids().length === 2, 150_000)
    // side by side, so the client opens several connections and the primary spreads them over both workers
    const statuses = await Promise.all(Array.from({ length: 40 }, () => statusOf(`http://127.0.0.1:${port}/api/categories`)))
    expect(statuses).toEqual(Array(40).fill(200))
    expect(servingPids().size).toBe(2)

    const [victim] = workerPids()
    process.kill(victim!, 'SIGKILL')
    // the other worker serves while the primary starts a replacement
    expect(await statusOf(`http://127.0.0.1:${port}/api/health`)).toBe(200)
    await waitFor(() => workerPids().length === 3, 120_000)
    expect(out).toContain('worker died; starting another')
    for (let i = 0; i < 20; i++) expect(await statusOf(`http://127.0.0.1:${port}/api/health`)).toBe(200)

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out).toContain('every worker stopped')
  }, 360_000)
})
