// How production starts: `npm start`'s own command (node, its flags from package.json, scripts/start.mjs) on the
// migrated bench database, timed from spawn until GET /api/health/ready answers 200, then its RSS after 2 s idle.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { note } from './progress.js'
import { BENCH_JWT_SECRET } from './protocol.js'

const root = fileURLToPath(new URL('..', import.meta.url))

export interface StartResult {
  command: string
  /** From spawn until /api/health/ready answered 200. */
  ready_ms: number
  /** The process's RSS 2 s after it was ready, with no traffic (its job workers running, as in production). */
  idle_rss_mb: number
}

/** The node flags of `npm start` (package.json), so the bench's processes run with production's flags. */
export function productionNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: { start: string } }
  const words = scripts.start.trim().split(/\s+/)
  return words.slice(1).filter((word) => word.startsWith('--'))
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    // not Linux: ps answers in KiB too
    return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) / 1024
  }
}

/** One start of the production server on `databaseUrl`; the build is made (untimed) first if it is stale. */
export async function measureStart(databaseUrl: string): Promise<StartResult> {
  const built = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) throw new Error(`npm run build failed (${built.status})`)
  const port = await freePort()
  const args = [...productionNodeFlags(), 'scripts/start.mjs']
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), APP_ENV: 'test', LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false', JWT_SECRET: BENCH_JWT_SECRET, WEB_CONCURRENCY: '1', SHUTDOWN_DRAIN_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    let readyMs: number | undefined
    while (readyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`)
      if (performance.now() - started > 60_000) throw new Error('the server was not ready within 60 s')
      const status = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.status, () => 0)
      if (status === 200) readyMs = performance.now() - started
      else await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const result = { command: `node ${args.join(' ')}`, ready_ms: readyMs, idle_rss_mb: rssMb(child.pid ?? 0) }
    note(`start: ready after ${Math.round(result.ready_ms)} ms, ${Math.round(result.idle_rss_mb)} MB idle (${result.command})`)
    return result
  } finally {
    child.kill('SIGINT')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}
