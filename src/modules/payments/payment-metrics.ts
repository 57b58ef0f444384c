// What the payments module reports to /metrics: payment attempts by subject and status, refunds by status.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { MetricDefinition } from '../../platform/app-module.js'

export function paymentMetrics(db: Db): MetricDefinition[] {
  return [
    {
      name: 'rrray_payments',
      help: 'Razorpay payment attempts by subject type and status (all time)',
      labels: ['subject_type', 'status'],
      read: async () =>
        (await queryRows<{ subject_type: string; status: string; count: number }>(
          db,
          sql`select subject_type, status, count(*)::int as count from payment_intents group by subject_type, status`,
        )).map((r) => ({ labels: { subject_type: r.subject_type, status: r.status }, value: Number(r.count) })),
    },
    {
      name: 'rrray_refunds',
      help: 'Razorpay refunds by status (all time)',
      labels: ['status'],
      read: async () =>
        (await queryRows<{ status: string; count: number }>(db, sql`select status, count(*)::int as count from payment_refunds group by status`))
          .map((r) => ({ labels: { status: r.status }, value: Number(r.count) })),
    },
  ]
}
