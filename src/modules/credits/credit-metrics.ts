// What the credits module reports to /metrics: ledger entries (movements) and the credits they moved, by type.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { MetricDefinition } from '../../platform/app-module.js'

export function creditMetrics(db: Db): MetricDefinition[] {
  const byType = () =>
    queryRows<{ entry_type: string; entries: number; credits: number }>(
      db,
      sql`select entry_type, count(*)::int as entries, coalesce(sum(abs(delta)), 0)::bigint as credits from credit_ledger group by entry_type`,
    )
  return [
    {
      name: 'rrray_credit_movements',
      help: 'Credit ledger entries by type (all time)',
      labels: ['entry_type'],
      read: async () => (await byType()).map((r) => ({ labels: { entry_type: r.entry_type }, value: Number(r.entries) })),
    },
    {
      name: 'rrray_credits_moved',
      help: 'Credits moved by ledger entries, by type (all time)',
      labels: ['entry_type'],
      read: async () => (await byType()).map((r) => ({ labels: { entry_type: r.entry_type }, value: Number(r.credits) })),
    },
  ]
}
