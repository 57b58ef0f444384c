// Starts bench/server.ts as a child process (its RSS is then the server's alone) and talks to it over IPC.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ParentMessage, RecordedStatement, ServerMessage } from './protocol.js'

export interface ServerProcess {
  baseUrl: string
  idleRss: number
  /** Peak RSS since the last reset; `reset` starts a new window. */
  memory(reset: boolean): Promise<{ peakRss: number; rss: number }>
  /** Resolves when the requests an ended run left in flight have been worked off. */
  drain(): Promise<void>
  /** The statements the server sends while `during` runs (its logger records them). */
  record(during: () => Promise<void>): Promise<RecordedStatement[]>
  stop(): Promise<void>
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
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
