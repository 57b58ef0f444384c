// Throwaway PostgreSQL servers for tests that must stop, restart or replicate a server: a primary, and streaming
// replicas of it, each in a temp directory on a free port, run as the `postgres` user from the machine's binaries.
// The shared server on 5432 allows no replication and must never be restarted by a test, hence these.
import { execFile } from 'node:child_process'
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'

export interface TempPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  port: number
  dataDir: string
  /** Fast stop (the server can be started again with start()). */
  halt(): Promise<void>
  start(): Promise<void>
  restart(): Promise<void>
  /** Immediate stop and removal of the data directory. */
  stop(): Promise<void>
}

/** True when this machine can run temp servers (PostgreSQL binaries present and we may act as `postgres`). */
export function canRunTempPostgres(): boolean {
  return existsSync(join(BIN, 'initdb')) && typeof process.getuid === 'function' && process.getuid() === 0
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const asPostgres = (binary: string, args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args], { timeout: 120_000 })

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const { uid, gid } = postgresUser()
  chownSync(dir, uid, gid)
  return dir
}

let postgresIds: { uid: number; gid: number } | undefined
/** The `postgres` user's ids from /etc/passwd: the server refuses to run as root. */
function postgresUser(): { uid: number; gid: number } {
  if (!postgresIds) {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))
    if (!line) throw new Error('temp-postgres: no postgres user on this machine')
    const [, , uid, gid] = line.split(':')
    postgresIds = { uid: Number(uid), gid: Number(gid) }
  }
  return postgresIds
}

function serverHandle(dataDir: string, port: number, root: string): TempPostgres {
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, ...args])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async halt() {
      await ctl('-m', 'fast', '-w', 'stop')
    },
    async start() {
      await ctl('-l', join(root, 'server.log'), '-w', '-t', '60', 'start')
    },
    async restart() {
      await ctl('-m', 'fast', '-l', join(root, 'server.log'), '-w', '-t', '60', 'restart')
    },
    async stop() {
      await ctl('-m', 'immediate', 'stop').catch(() => undefined)
      rmSync(root, { recursive: true, force: true })
    },
  }
}

function settings(port: number, socketDir: string): string {
  return [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${socketDir}'`,
    `wal_level = replica`,
    `max_wal_senders = 10`,
    `hot_standby = on`,
    `max_connections = 200`,
    // a test server holds nothing worth an fsync
    `fsync = off`,
    `synchronous_commit = off`,
    `full_page_writes = off`,
    '',
  ].join('\n')
}

/** initdb + start a primary that accepts replication connections from 127.0.0.1. */
export async function startTempPrimary(): Promise<TempPostgres> {
  const root = tempDir('rrray-pg-')
  const dataDir = join(root, 'data')
  const port = await freePort()
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  appendFileSync(join(dataDir, 'postgresql.conf'), settings(port, root))
  appendFileSync(join(dataDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n')
  const server = serverHandle(dataDir, port, root)
  await server.start()
  return server
}

/** A streaming replica of `primary` (pg_basebackup -R), started and in recovery. */
export async function startTempReplica(primary: TempPostgres): Promise<TempPostgres> {
  const root = tempDir('rrray-pg-replica-')
  const dataDir = join(root, 'data')
  const port = await freePort()
  await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--no-sync'])
  // the copied postgresql.conf names the primary's port and socket dir: the last setting wins
  appendFileSync(join(dataDir, 'postgresql.conf'), settings(port, root))
  writeFileSync(join(root, 'server.log'), '')
  chownSync(join(root, 'server.log'), postgresUser().uid, postgresUser().gid)
  const server = serverHandle(dataDir, port, root)
  await server.start()
  return server
}

/** One statement on its own connection to `url` (a temp server that may be paused, stopped or in recovery). */
export async function queryServer<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}
