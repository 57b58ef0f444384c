// EXPLAIN (ANALYZE) of the admin dashboard's and analytics reports' own SQL: the analytics service runs against a
// recording executor (bench/explain.ts), which keeps each statement instead of sending it; each is then explained.
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Db } from '../src/db/database.js'
import { createAnalyticsService, type AnalyticsService } from '../src/modules/analytics/index.js'
import type { Clock } from '../src/shared/clock.js'
import { explainStatement, recordingExecutor, type ExplainResult } from './explain.js'

// the dashboard's reads run side by side, so their order of sending is not their order in the code: each row is named
// by the first table its statement reads
const dialect = new PgDialect()
const firstTable = (statement: SQL) => dialect.sqlToQuery(statement).sql.match(/\bfrom\s+"?(\w+)/i)?.[1] ?? 'statement'

async function capture(db: Db, clock: Clock, call: (analytics: AnalyticsService) => Promise<unknown>): Promise<SQL[]> {
  const recorded: SQL[] = []
  // the pending payout count is the payouts module's query, not this module's
  const analytics = createAnalyticsService({ db: recordingExecutor(db, recorded), clock, defaultCommissionPercent: 15, payoutQueue: { pendingPayoutRequests: async () => 0 } })
  await call(analytics)
  return recorded
}

/** Every statement of GET /api/admin/dashboard (last 30 days) and of each analytics report, under EXPLAIN (ANALYZE). */
export async function explainAnalytics(db: Db, clock: Clock): Promise<ExplainResult[]> {
  // how fast this machine is right now: the plainest scan of the bookings every report reads
  const results: ExplainResult[] = [await explainStatement(db, 'baseline: count(*) from bookings', {}, sql`select count(*) from bookings`)]
  const dashboard = await capture(db, clock, (a) => a.dashboard({}))
  for (const statement of dashboard) results.push(await explainStatement(db, `dashboard/${firstTable(statement)}`, {}, statement))
  const parts = results.slice(1)
  results.push({
    name: 'dashboard (sum of the above)', filters: {}, statements: parts.length, aim_ms: null, rows: 0,
    planning_ms: parts.reduce((s, r) => s + r.planning_ms, 0), execution_ms: parts.reduce((s, r) => s + r.execution_ms, 0), indexes: [], seq_scans: [], plan: [],
  })
  const reports: [string, Record<string, unknown>, (a: AnalyticsService) => Promise<unknown>][] = [
    ['timeseries gmv/day 30 d', {}, (a) => a.timeseries({ metric: 'gmv', bucket: 'day' })],
    ['timeseries bookings/week 30 d', {}, (a) => a.timeseries({ metric: 'bookings', bucket: 'week' })],
    ['timeseries signups/month 365 d', {}, (a) => a.timeseries({ metric: 'signups', bucket: 'month', from: addYear(clock) })],
    ['timeseries credits_sold/day 30 d', {}, (a) => a.timeseries({ metric: 'credits_sold', bucket: 'day' })],
    ...(['city', 'category', 'partner', 'listing'] as const).map((by): [string, Record<string, unknown>, (a: AnalyticsService) => Promise<unknown>] => [
      `breakdown ${by} top 10`, { by }, (a) => a.breakdown({ by, limit: 10 }),
    ]),
    ['cohorts 12 months', {}, (a) => a.cohorts({})],
  ]
  for (const [name, filters, call] of reports) {
    const [statement] = await capture(db, clock, call)
    if (statement) results.push(await explainStatement(db, name, filters, statement))
  }
  return results
}

/** The India day a year before today, as `from` of a year-long series. */
function addYear(clock: Clock): string {
  return new Date(clock.now().getTime() + 330 * 60_000 - 364 * 86_400_000).toISOString().slice(0, 10)
}
