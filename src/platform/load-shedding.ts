// Load shedding: past an event-loop lag threshold every request but liveness answers 503 OVERLOADED with Retry-After at
// once, so clients back off and a balancer tries another process, instead of every request queueing until it times out.
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { OverloadedError } from '../shared/errors.js'
import { documentErrors } from './documented-errors.js'

const SAMPLE_INTERVAL_MS = 200
// liveness must stay 200 under load, or an orchestrator restarts a process that is merely busy; readiness answers for
// itself (its event_loop check below); the API's own documentation is cheap and read by tools that must not fail on a
// busy machine
const EXEMPT = new Set(['/api/health', '/api/health/ready', '/openapi.json'])
const isExempt = (url: string) => EXEMPT.has(url) || url.startsWith('/docs')

export async function registerLoadShedding(app: FastifyInstance, config: Config): Promise<void> {
  const { eventLoopDelayMs, retryAfterSeconds } = config.loadShedding
  if (eventLoopDelayMs === 0) return
  documentErrors(app, [503], (route) => !isExempt(route.url))
  await app.register(underPressure, {
    maxEventLoopDelay: eventLoopDelayMs,
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: async (request) => {
      if (isExempt(request.routeOptions.url ?? '')) return
      throw new OverloadedError(retryAfterSeconds)
    },
  })
  // a balancer asking for readiness hears "not ready" while this process sheds load, and sends elsewhere
  app.readiness.checks.push({ name: 'event_loop', check: async () => !app.isUnderPressure() })
}
