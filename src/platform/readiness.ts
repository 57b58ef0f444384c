// What a load balancer asks before sending traffic: the dependencies this process needs (the database, Redis when
// configured) answer, and the process is not draining. Platform pieces and modules add their checks as they register.
import type { FastifyInstance } from 'fastify'

export interface ReadinessCheck {
  name: string
  /** Resolves true when the dependency answers; never throws. */
  check(): Promise<boolean>
}

export interface Readiness {
  readonly checks: ReadinessCheck[]
  /** Set on SIGTERM: /api/health/ready answers 503 so a balancer stops sending before the process stops. */
  draining: boolean
  /** Read replicas as last probed, when configured: reported by readiness, never a reason to fail it (the primary serves their reads). */
  replicas?: () => Array<{ name: string; healthy: boolean; lag_seconds: number | null }>
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness
  }
}

export function registerReadiness(app: FastifyInstance): void {
  app.decorate('readiness', { checks: [], draining: false } satisfies Readiness)
}

/** A check that gives up after `timeoutMs`, so a hung dependency reads as down instead of hanging the probe. */
export function readinessCheck(name: string, probe: () => Promise<unknown>, timeoutMs = 1_000): ReadinessCheck {
  return {
    name,
    check: () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        probe().then(
          () => resolve(true),
          () => resolve(false),
        ).finally(() => clearTimeout(timer))
      }),
  }
}
