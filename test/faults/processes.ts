// API processes as a deployment runs them (compiled `node dist/main.js`, one port each) and the small round-robin
// load balancer in front of them that the fault suite talks to.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import { createConnection, createServer } from 'node:net'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** True once something accepts a TCP connection on the port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

/** `npm run build` (a no-op when dist/ is current): the processes run compiled JavaScript, as in production. */
export function buildOnce(): void {
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`the build failed (exit ${result.status})`)
}

/** `node dist/cli/migrate.js` (npm run migrate, compiled) against the database, as a deployment runs it before a restart. */
export function migrateOnce(databaseUrl: string): void {
  const result = spawnSync(process.execPath, ['dist/cli/migrate.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`the migration step failed (exit ${result.status})`)
}

/** A GET status within `timeoutMs`, or 0 when the request failed or timed out. */
export async function statusOf(url: string, timeoutMs = 2_000, headers: Record<string, string> = {}): Promise<number> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

export class ApiProcess {
  private child: ChildProcess | undefined
  private log: string[] = []
  /** Every pid this slot ran, so a failed run can kill what it left behind. */
  readonly pids: number[] = []

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  /** The last lines the process wrote (for a failure message). */
  tail(lines = 40): string {
    return this.log.slice(-lines).join('\n')
  }

  /** Exits nobody asked for (a crash), with the output that came before. */
  readonly crashes: string[] = []
  private expectingExit = false

  /** Starts `node dist/main.js`; resolves once its port accepts connections, with how long that took. */
  async start(listeningWithinMs = 60_000): Promise<number> {
    const started = Date.now()
    this.expectingExit = false
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    if (child.pid) this.pids.push(child.pid)
    const keep = (d: Buffer) => {
      this.log.push(...d.toString().split('\n').filter(Boolean))
      if (this.log.length > 400) this.log = this.log.slice(-200)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    child.once('exit', (code, signal) => {
      if (!this.expectingExit) this.crashes.push(`${this.name} exited (code ${code}, signal ${signal}):\n${this.tail(80)}`)
    })
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} while starting:\n${this.tail()}`)
      return accepts(this.port)
    }, listeningWithinMs, `${this.name} to listen`)
    return Date.now() - started
  }

  /** Resolves once /api/health/ready answers 200 (database and Redis reachable). */
  async ready(withinMs = 60_000): Promise<void> {
    await waitFor(async () => {
      if (!this.running) throw new Error(this.crashes.at(-1) ?? `${this.name} is not running`)
      return (await statusOf(`${this.url}/api/health/ready`, 1_000)) === 200
    }, withinMs, `${this.name} to be ready`)
  }

  /** kill -9: no draining, no clean-up, connections cut mid-request. */
  async kill9(): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    this.expectingExit = true
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGKILL')
    await exited
  }

  /** SIGTERM and wait, SIGKILL after `ms`. */
  async stop(ms = 15_000): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    this.expectingExit = true
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    await exited
    clearTimeout(timer)
  }

  /** For afterAll of a failed run: nothing this slot started outlives the suite. */
  killAll(): void {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
}

export interface Balancer {
  readonly url: string
  /** Requests per backend, by its port. */
  readonly served: Map<number, number>
  close(): Promise<void>
}

/**
 * Round-robin over the backends, as a load balancer in front of the API does: the body is buffered, a backend that
 * refuses the connection is skipped for the next one (the request never reached it), and a backend that fails after
 * taking the request answers 502 (it may have acted on it: the client retries with its Idempotency-Key).
 */
export async function startBalancer(backends: readonly { port: number }[]): Promise<Balancer> {
  let next = 0
  const served = new Map<number, number>()
  const forward = (req: IncomingMessage, body: Buffer, port: number) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer } | 'refused'>((resolve) => {
      let sent = false
      const upstream = httpRequest(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }))
          res.on('error', () => resolve({ status: 502, headers: {}, body: Buffer.from('{"detail":"upstream reset"}') }))
        },
      )
      upstream.on('socket', (socket) => socket.on('connect', () => (sent = true)))
      upstream.on('error', () => resolve(sent ? { status: 502, headers: {}, body: Buffer.from('{"detail":"upstream failed"}') } : 'refused'))
      upstream.end(body)
    })

  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        for (let tried = 0; tried < backends.length; tried++) {
          const port = backends[next++ % backends.length]!.port
          const answer = await forward(req, body, port)
          if (answer === 'refused') continue
          served.set(port, (served.get(port) ?? 0) + 1)
          const headers = { ...answer.headers }
          delete headers['transfer-encoding']
          delete headers.connection
          res.writeHead(answer.status, headers)
          res.end(answer.body)
          return
        }
        res.writeHead(502, { 'content-type': 'application/json' })
        res.end('{"detail":"no backend"}')
      })()
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
