// What the bookings module reports to /metrics: bookings by status, read from the table at scrape time.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { MetricDefinition } from '../../platform/app-module.js'

export function bookingMetrics(db: Db): MetricDefinition[] {
  return [
    {
      name: 'rrray_bookings',
      help: 'Bookings by status (all time)',
      labels: ['status'],
      read: async () =>
        (await queryRows<{ status: string; count: number }>(db, sql`select status, count(*)::int as count from bookings group by status`))
          .map((r) => ({ labels: { status: r.status }, value: Number(r.count) })),
    },
  ]
}
