// The floors a booking's throughput is compared to, measured on the same server in the same run: pgbench's built-in
// TPC-B at the bench's connection count (in its own temporary database), and pgbench replaying a script of the
// project's own booking statements (bench/booking-replay.ts) against the bench database.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { note } from './progress.js'

export interface PgbenchResult {
  /** `-r`: each statement's average latency in ms, for a custom script. */
  statement_latencies_ms?: Array<{ ms: number; statement: string }>
  transactions_per_second: number
  transactions: number
  failed: number
  latency_ms: number
  clients: number
  seconds: number
}

/** Connection flags for pgbench from a postgres:// URL. */
function connectionArgs(url: string): { args: string[]; env: Record<string, string> } {
  const u = new URL(url)
  return {
    args: ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1)],
    env: u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {},
  }
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(`${out}\n${err}`) : reject(new Error(`pgbench ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))))
  })
}

function parse(output: string, clients: number, seconds: number): PgbenchResult {
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? NaN)
  return {
    transactions_per_second: num(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
    latency_ms: num(/latency average = ([\d.]+) ms/),
    clients,
    seconds,
  }
}

/** `pgbench -i -s <scale>` into a fresh database, then TPC-B with `clients` clients for `seconds`; the database is dropped after. */
export async function pgbenchTpcb(adminUrl: string, settings: { clients: number; seconds: number; scale?: number }): Promise<PgbenchResult> {
  const name = `rrray_pgbench_${process.pid}`
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  try {
    const { args, env } = connectionArgs(url.toString())
    note(`pgbench: initialising TPC-B at scale ${settings.scale ?? 10} in ${name}`)
    await run(['-i', '-q', '-s', String(settings.scale ?? 10), ...args], env)
    note(`pgbench: TPC-B, ${settings.clients} clients for ${settings.seconds} s`)
    const output = await run(['-c', String(settings.clients), '-j', '2', '-T', String(settings.seconds), '-n', ...args], env)
    return parse(output, settings.clients, settings.seconds)
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch((err: unknown) => note(`could not drop ${name}: ${String(err)}`))
    await admin.end()
  }
}

/** Runs a custom pgbench script (`-f`) against `url` with `clients` clients for `seconds`, its statements prepared (`-M prepared`) as the app sends a booking's. */
export async function pgbenchScript(
  url: string,
  script: string,
  settings: { clients: number; seconds: number; variables?: Record<string, number> },
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rrray-pgbench-'))
  try {
    const file = join(dir, 'script.sql')
    writeFileSync(file, script)
    const { args, env } = connectionArgs(url)
    const defines = Object.entries(settings.variables ?? {}).flatMap(([name, value]) => ['-D', `${name}=${value}`])
    const output = await run(['-n', '-r', '-M', 'prepared', ...defines, '-f', file, '-c', String(settings.clients), '-j', '2', '-T', String(settings.seconds), ...args], env)
    const latencies = [...output.matchAll(/^\s+([\d.]+)\s+\d+\s+(.+)$/gm)].map((m) => ({ ms: Number(m[1]), statement: m[2]!.slice(0, 120) }))
    return { ...parse(output, settings.clients, settings.seconds), statement_latencies_ms: latencies }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
