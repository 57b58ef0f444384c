// The real entry point as a process: start-up, a bad configuration, the data-dir lock, and graceful shutdown.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const dataDir = mkdtempSync(join(tmpdir(), 'rrray-e2e-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

interface Started {
  child: ChildProcessWithoutNullStreams
  output: () => string
  exited: Promise<number | null>
}

/** `src/…` runs through tsx; `scripts/start.mjs` is `npm start`: compiled JavaScript, built first when stale. */
function start(script: string, env: Record<string, string>): Started {
  const args = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script]
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0', ...env },
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('the server process', () => {
  it('refuses to start on a bad variable, naming it in one line', async () => {
    const run = start('src/main.ts', { PORT: 'eighty', DATA_DIR: dataDir })
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/configuration: PORT: must be integer/)
  })

  it('serves from compiled JavaScript (npm start), holds its data directory, drains, and shuts down cleanly on SIGTERM', async () => {
    const port = String(20_000 + (process.pid % 20_000))
    const server = start('scripts/start.mjs', { PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, SHUTDOWN_DRAIN_SECONDS: '2' })
    await waitFor(() => server.output().includes('RRRAY API'), 60_000)
    const health = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect(health.status).toBe(200)
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', draining: false, checks: [{ name: 'database', ok: true }] } })
    expect(existsSync(join(dataDir, '.rrray.lock'))).toBe(true)
    // no TypeScript loader in the serving process: it runs dist/ (built by this start when it was missing or stale)
    expect(existsSync('dist/main.js')).toBe(true)

    // a second process on the same PGlite directory stops with a clear message instead of corrupting it
    const second = start('src/main.ts', { PORT: String(Number(port) + 1), DATA_DIR: dataDir })
    expect(await second.exited).toBe(1)
    expect(second.output()).toContain('is in use by process')

    // a request in flight when SIGTERM arrives still gets its answer
    const inFlight = fetch(`http://127.0.0.1:${port}/api/health`)
    server.child.kill('SIGTERM')
    expect((await inFlight).status).toBe(200)
    // while it drains, it still serves, but tells a load balancer to stop sending
    await waitFor(() => server.output().includes('draining'), 5_000)
    const draining = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
    expect({ status: draining.status, draining: ((await draining.json()) as { draining: boolean }).draining }).toEqual({ status: 503, draining: true })
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200)
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('shutting down')
    expect(existsSync(join(dataDir, '.rrray.lock'))).toBe(false)
  }, 120_000)
})
