// Read replicas for the public catalog (DATABASE_REPLICA_URLS): opened once per process, counted in the metrics,
// reported by readiness (never failing it), closed with the app. Without replicas, or on PGlite, the primary serves.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import { openReadReplicas, primaryReads, type ReadReplicas } from '../db/read-replicas.js'

export function registerReadReplicas(app: FastifyInstance, config: Config, database: Database): ReadReplicas {
  if (config.replicas.urls.length === 0 || database.engine !== 'postgres') return primaryReads(database.db)
  const { metrics } = app
  const replicas = openReadReplicas({
    primary: database.db,
    urls: config.replicas.urls,
    maxLagSeconds: config.replicas.maxLagSeconds,
    logger: app.log,
    observer: {
      read: (target) => metrics.databaseReads.inc({ target }),
      skip: (replica, reason) => metrics.replicaSkips.inc({ replica, reason }),
    },
  })
  metrics.addCollector('db_replica_lag_seconds', 'Replay lag of each read replica at its last probe (absent while unknown)', ['replica'], async () =>
    replicas.status().flatMap((r) => (r.lag_seconds === null ? [] : [{ labels: { replica: r.name }, value: r.lag_seconds }])),
  )
  metrics.addCollector('db_replica_healthy', 'Whether each read replica serves reads (1) or is skipped (0)', ['replica'], async () =>
    replicas.status().map((r) => ({ labels: { replica: r.name }, value: r.healthy ? 1 : 0 })),
  )
  app.readiness.replicas = () => replicas.status()
  app.addHook('onClose', () => replicas.close())
  return replicas
}
