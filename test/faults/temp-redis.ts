// A throwaway redis-server on a free port (no persistence) that a fault test may stop and start again; the shared
// Redis on 6379 is never touched.
import { spawn, type ChildProcess } from 'node:child_process'
import { accepts, freePort, waitFor } from './processes.js'

export interface TempRedis {
  readonly url: string
  readonly port: number
  /** SIGKILL: the outage a crashed or unplugged Redis is. */
  stop(): Promise<void>
  start(): Promise<void>
}

export async function startTempRedis(): Promise<TempRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await waitFor(() => accepts(port), 10_000, 'redis-server to listen')
  }
  const stop = async () => {
    const running = child
    if (!running || running.exitCode !== null) return
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, port, start, stop }
}
