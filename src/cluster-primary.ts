// The cluster's primary (WEB_CONCURRENCY > 1): runs N API workers on one port, replaces a worker that dies, and on
// SIGTERM/SIGINT passes the signal on and exits once every worker has drained and stopped.
import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'

// a worker that dies this soon after starting is crashing on start: wait before replacing it, not in a tight loop
const CRASH_LOOP_MS = 5_000
const RESTART_DELAY_MS = 1_000

export function runClusterPrimary(options: { workers: number; drainSeconds: number; log: Logger }): void {
  const { log } = options
  const startedAt = new Map<number, number>()
  let stopping = false

  const fork = (): Worker => {
    const worker = cluster.fork()
    startedAt.set(worker.id, Date.now())
    return worker
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0)
    startedAt.delete(worker.id)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info('every worker stopped')
        process.exit(0)
      }
      return
    }
    log.error({ worker: worker.id, pid: worker.process.pid, code, signal }, 'worker died; starting another')
    setTimeout(fork, lived < CRASH_LOOP_MS ? RESTART_DELAY_MS : 0)
  })

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping workers')
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    // each worker drains and closes within its own limit; this one only backs it up
    setTimeout(() => process.exit(1), (options.drainSeconds + 15) * 1000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))

  log.info({ workers: options.workers, pid: process.pid }, 'starting API workers')
  for (let i = 0; i < options.workers; i++) fork()
}
