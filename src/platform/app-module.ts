// What a module hands app.ts to be wired: its routes as one plugin (under /api) and its background jobs as data.
import type { FastifyInstance, FastifyPluginAsync, RawServerDefault } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { JobQueue } from '../jobs/job-queue.js'

/** A queue, its handler and, for recurring work, its cron schedule (UTC). */
export interface JobDefinition<P extends object = object> {
  name: string
  handler(payload: P): Promise<void>
  cron?: string
}

/** A figure the module reports to /metrics, read from its own tables when Prometheus scrapes (right across processes). */
export interface MetricDefinition {
  name: string
  help: string
  labels: readonly string[]
  read(): Promise<Array<{ labels: Record<string, string>; value: number }>>
}

export type ModuleRoutes = FastifyPluginAsync<Record<never, never>, RawServerDefault, TypeBoxTypeProvider>

export interface AppModule {
  name: string
  /** Registered under /api with the guard and services the module was built with. */
  routes: ModuleRoutes
  jobs?: readonly JobDefinition[]
  metrics?: readonly MetricDefinition[]
}

export async function registerModules(app: FastifyInstance, modules: readonly AppModule[]): Promise<void> {
  for (const module of modules) {
    await app.register(module.routes, { prefix: '/api' })
    for (const metric of module.metrics ?? []) app.metrics.addCollector(metric.name, metric.help, metric.labels, () => metric.read())
  }
}

/** Registers each job's handler and schedule; the queues are created by `jobs.prepare()`. */
export function registerJobs(jobs: JobQueue, definitions: readonly JobDefinition[]): void {
  for (const definition of definitions) {
    jobs.work<object>(definition.name, (payload) => definition.handler(payload))
    if (definition.cron) jobs.schedule(definition.name, definition.cron)
  }
}
