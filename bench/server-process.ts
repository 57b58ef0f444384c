// Starts bench/server.ts as a child process (its RSS is then the server's alone) and talks to it over IPC. The child runs
// compiled JavaScript, as production does (no TypeScript loader in its memory): tsconfig.bench.json builds it first.
import { fork, spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { note } from './progress.js'
import { productionNodeFlags } from './start-time.js'
import type { ParentMessage, RecordedStatement, ServerMessage } from './protocol.js'

const root = fileURLToPath(new URL('..', import.meta.url))
let compiled: string | undefined

/** Compiles bench/server.ts and the sources it imports to bench/.build/ (inside the repository, so packages resolve). */
export function compileServer(): string {
  if (compiled) return compiled
  const started = performance.now()
  rmSync(fileURLToPath(new URL('./.build/', import.meta.url)), { recursive: true, force: true })
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url))
  const result = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.bench.json`], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`compiling the bench server failed (tsc exited with ${result.status})`)
  note(`bench server compiled to bench/.build/ in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  compiled = fileURLToPath(new URL('./.build/bench/server.js', import.meta.url))
  return compiled
}

export interface ServerProcess {
  baseUrl: string
  pid: number
  idleRss: number
  /** Peak RSS since the last reset; `reset` starts a new window. */
  memory(reset: boolean): Promise<{ peakRss: number; rss: number }>
  /** Resolves when the requests an ended run left in flight have been worked off. */
  drain(): Promise<void>
  /** The statements the server sends while `during` runs (its logger records them). */
  record(during: () => Promise<void>): Promise<RecordedStatement[]>
  stop(): Promise<void>
}

/** `script`: another compiled bench server (e.g. a baseline's build, to compare with it in one run). */
export async function startServer(env: Record<string, string>, script = compileServer()): Promise<ServerProcess> {
  const child = fork(script, [], {
    // production's node flags (npm start's); BENCH_SERVER_NODE_ARGS replaces them, e.g. with --cpu-prof
    execArgv: process.env.BENCH_SERVER_NODE_ARGS !== undefined ? process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean) : productionNodeFlags(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const send = (message: ParentMessage) => child.send(message)
  const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench server: no '${type}' message within ${timeoutMs} ms`)), timeoutMs)
      const onExit = (code: number | null) => reject(new Error(`bench server exited with code ${code}`))
      const onMessage = (message: ServerMessage) => {
        if (message.type !== type) return
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(message as Extract<ServerMessage, { type: T }>)
      }
      child.on('message', onMessage)
      child.once('exit', onExit)
    })

  const listening = await next('listening', 300_000)
  return {
    baseUrl: `http://127.0.0.1:${listening.port}`,
    pid: child.pid ?? 0,
    idleRss: listening.rss,
    async memory(reset) {
      const reply = next('memory', 10_000)
      send({ type: 'memory', reset })
      const { peakRss, rss } = await reply
      return { peakRss, rss }
    },
    async drain() {
      await new Promise((resolve) => setTimeout(resolve, 200))
      const reply = next('drained', 300_000)
      send({ type: 'drain' })
      await reply
    },
    async record(during) {
      const recording = next('recording', 10_000)
      send({ type: 'record', on: true })
      await recording
      await during()
      const reply = next('recorded', 10_000)
      send({ type: 'record', on: false })
      return (await reply).statements
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      send({ type: 'stop' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
