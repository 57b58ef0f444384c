// The admin dashboard and analytics reports (definitions: README.md "Admin dashboard and analytics"). Read-only:
// ranges are India days resolved as the partner financial summary resolves them; the SQL is in analytics.repository.ts.
import { defaultCommissionPercent } from '../settings/index.js'
import type { Db } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import { resolveRange } from '../financials/index.js'
import { TooManyBucketsError } from './analytics.errors.js'
import { createAnalyticsRepository, type BookingFiguresRow, type CreditSalesRow, type NewCustomersRow, type SessionsHeldRow } from './analytics.repository.js'
import type {
  BreakdownQuery, BreakdownResponse, CohortsQuery, CohortsResponse, DashboardFigures, DashboardResponse, DateRangeQuery, TimeseriesQuery,
  TimeseriesResponse,
} from './analytics.schemas.js'
import type { PayoutQueuePort } from './payout-queue-port.js'
import {
  addMonths, bucketStarts, daySpan, indiaToday, monthOffset, monthsBetween, previousPeriod, startOfIndiaDay,
} from './report-calendar.js'

/** A time series has at most this many points (a year of days). */
export const MAX_BUCKETS = 366
/** A cohort table has at most this many cohort months. */
export const MAX_COHORT_MONTHS = 36
const DEFAULT_COHORT_MONTHS = 12

/** part / whole rounded to 4 decimals; 0 when the whole is 0. */
export const rate = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0)

type Period = 'current' | 'previous'

function figuresOf(
  period: Period,
  rows: { bookings: BookingFiguresRow[]; credits: CreditSalesRow[]; customers: NewCustomersRow[]; sessions: SessionsHeldRow[] },
): DashboardFigures {
  const b = rows.bookings.find((r) => r.period === period)
  const c = rows.credits.find((r) => r.period === period)
  const s = rows.sessions.find((r) => r.period === period)
  const bookings = Number(b?.bookings ?? 0)
  const cancellations = Number(b?.cancellations ?? 0)
  const seatsBooked = Number(s?.seats_booked ?? 0)
  const seatsCapacity = Number(s?.seats_capacity ?? 0)
  return {
    gmv: Number(b?.gmv ?? 0),
    refunds: Number(b?.refunds ?? 0),
    net_revenue: Number(b?.net_revenue ?? 0),
    credit_sales_amount: Number(c?.amount ?? 0),
    credit_sales_count: Number(c?.count ?? 0),
    bookings,
    cancellations,
    cancellation_rate: rate(cancellations, bookings),
    new_customers: Number(rows.customers.find((r) => r.period === period)?.count ?? 0),
    customers_booked: Number(b?.customers_booked ?? 0),
    active_partners: Number(b?.active_partners ?? 0),
    sessions_held: Number(s?.sessions ?? 0),
    seats_booked: seatsBooked,
    seats_capacity: seatsCapacity,
    fill_rate: rate(seatsBooked, seatsCapacity),
  }
}

export function createAnalyticsService(deps: { db: Db; clock: Clock; defaultCommissionPercent: number; payoutQueue: PayoutQueuePort }) {
  const { db, clock, payoutQueue } = deps
  const repo = createAnalyticsRepository(db)

  return {
    async dashboard(query: DateRangeQuery): Promise<DashboardResponse> {
      const now = clock.now()
      const period = resolveRange(query, now)
      const previous = previousPeriod(period.from, period.to)
      const periods = { previousStart: startOfIndiaDay(previous.from), start: startOfIndiaDay(period.from), end: daySpan(period.from, period.to).end }
      const [bookings, credits, customers, sessions, queues, payouts] = await readAll(
        db,
        async () => repo.bookingFigures(periods, await defaultCommissionPercent(deps.db, deps.defaultCommissionPercent)),
        () => repo.creditSales(periods),
        () => repo.newCustomers(periods),
        () => repo.sessionsHeld(periods, now.toISOString()),
        () => repo.queues(),
        () => payoutQueue.pendingPayoutRequests(db),
      )
      const rows = { bookings, credits, customers, sessions }
      return {
        currency: 'INR',
        period,
        previous_period: previous,
        current: figuresOf('current', rows),
        previous: figuresOf('previous', rows),
        queues: {
          listings_pending_review: Number(queues?.listings_pending_review ?? 0),
          kyc_pending: Number(queues?.kyc_pending ?? 0),
          payout_requests_pending: payouts,
          failed_refunds: Number(queues?.failed_refunds ?? 0),
        },
      }
    },

    async timeseries(query: TimeseriesQuery): Promise<TimeseriesResponse> {
      const { from, to } = resolveRange(query, clock.now())
      const starts = bucketStarts(from, to, query.bucket)
      if (starts.length > MAX_BUCKETS) throw new TooManyBucketsError(`${query.bucket} buckets`, starts.length, MAX_BUCKETS)
      const rows = await repo.timeseries(query.metric, query.bucket, daySpan(from, to))
      const values = new Map(rows.map((r) => [r.start, Number(r.value)]))
      const points = starts.map((start) => ({ start, value: values.get(start) ?? 0 }))
      return {
        metric: query.metric,
        bucket: query.bucket,
        unit: query.metric === 'gmv' || query.metric === 'credits_sold' ? 'paise' : 'count',
        from,
        to,
        total: points.reduce((sum, p) => sum + p.value, 0),
        points,
      }
    },

    async breakdown(query: BreakdownQuery): Promise<BreakdownResponse> {
      const { from, to } = resolveRange(query, clock.now())
      const rows = await repo.breakdown(query.by, daySpan(from, to), query.limit)
      const items = rows.map((r) => ({ key: r.key, label: r.label, bookings: Number(r.bookings), gmv: Number(r.gmv) }))
      const total = { bookings: Number(rows[0]?.total_bookings ?? 0), gmv: Number(rows[0]?.total_gmv ?? 0) }
      const listed = (key: 'bookings' | 'gmv') => items.reduce((sum, i) => sum + i[key], 0)
      return {
        by: query.by,
        from,
        to,
        items,
        others: { groups: Number(rows[0]?.groups ?? 0) - items.length, bookings: total.bookings - listed('bookings'), gmv: total.gmv - listed('gmv') },
        total,
      }
    },

    async cohorts(query: CohortsQuery): Promise<CohortsResponse> {
      const now = clock.now()
      const to = query.to ?? indiaToday(now)
      const { from } = resolveRange({ from: query.from ?? addMonths(to, 1 - DEFAULT_COHORT_MONTHS), to }, now)
      const months = monthsBetween(from, to)
      if (months.length > MAX_COHORT_MONTHS) throw new TooManyBucketsError('cohort months', months.length, MAX_COHORT_MONTHS)
      const rows = await repo.cohorts(`${months[0]!}-01`, addMonths(to, 1))
      const count = (month: string, offset: number) =>
        Number(rows.find((r) => r.month === month && Number(r.month_offset) === offset)?.customers ?? 0)
      const thisMonth = indiaToday(now).slice(0, 7)
      return {
        from_month: months[0]!,
        to_month: months[months.length - 1]!,
        cohorts: months.map((month) => {
          const customers = count(month, 0)
          const offsets = Array.from({ length: Math.max(0, monthOffset(month, thisMonth)) }, (_, i) => i + 1)
          return {
            month,
            customers,
            retention: offsets.map((offset) => ({ month_offset: offset, customers: count(month, offset), share: rate(count(month, offset), customers) })),
          }
        }),
      }
    },
  }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
