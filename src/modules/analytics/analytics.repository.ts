// The reports' SQL: each a single aggregate statement over many modules' tables (the documented exception for
// analytics in src/db/table-ownership.json). Instants are ISO strings; grouping by India day/week/month happens here.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import { bookingCommission, partnerBasisPoints } from '../financials/index.js'
import type { BREAKDOWN_DIMENSIONS, BUCKETS, TIMESERIES_METRICS } from './analytics.schemas.js'

export const INDIA = 'Asia/Kolkata'

/** The current period [start, end) and the previous one [previousStart, start), as instants. */
export interface Periods {
  previousStart: string
  start: string
  end: string
}

/** A range [start, end) of instants. */
export interface Span {
  start: string
  end: string
}

type Num = number | string
type PeriodName = 'current' | 'previous'

export interface BookingFiguresRow {
  period: PeriodName
  gmv: Num
  refunds: Num
  net_revenue: Num
  bookings: Num
  cancellations: Num
  customers_booked: Num
  active_partners: Num
}
export interface CreditSalesRow { period: PeriodName; amount: Num; count: Num }
export interface NewCustomersRow { period: PeriodName; count: Num }
export interface SessionsHeldRow { period: PeriodName; sessions: Num; seats_booked: Num; seats_capacity: Num }
export interface QueuesRow { listings_pending_review: Num; kyc_pending: Num; failed_refunds: Num }
export interface BucketRow { start: string; value: Num }
export interface BreakdownRow { key: string | null; label: string; bookings: Num; gmv: Num; groups: Num; total_bookings: Num; total_gmv: Num }
export interface CohortRow { month: string; month_offset: Num; customers: Num }

/** A booking that was paid for (money, credits or free), whatever happened to it since. */
const CONFIRMED = sql`b.confirmed_at is not null and b.status in ('confirmed', 'completed', 'cancelled')`
const MONEY = sql`b.payment_method <> 'credits'`
const confirmedIn = (span: Span) => sql`b.confirmed_at >= ${span.start}::timestamptz and b.confirmed_at < ${span.end}::timestamptz and ${CONFIRMED}`
const periodOf = (column: SQL, start: string) => sql`case when ${column} >= ${start}::timestamptz then 'current' else 'previous' end`

/** Where each time series comes from: the rows, the instant that places a row in a bucket and what it adds. */
function seriesSource(metric: (typeof TIMESERIES_METRICS)[number], span: Span): { at: SQL; value: SQL; from: SQL } {
  switch (metric) {
    case 'gmv':
      return { at: sql`b.confirmed_at`, value: sql`b.amount`, from: sql`bookings b where ${confirmedIn(span)} and ${MONEY}` }
    case 'bookings':
      return { at: sql`b.confirmed_at`, value: sql`1`, from: sql`bookings b where ${confirmedIn(span)}` }
    case 'signups':
      return { at: sql`u.created_at`, value: sql`1`, from: sql`users u where u.role = 'customer' and u.created_at >= ${span.start}::timestamptz and u.created_at < ${span.end}::timestamptz` }
    case 'credits_sold':
      return {
        at: sql`cp.paid_at`,
        value: sql`cp.amount`,
        from: sql`credit_purchases cp where cp.status = 'paid' and cp.payment_method <> 'free' and cp.paid_at >= ${span.start}::timestamptz and cp.paid_at < ${span.end}::timestamptz`,
      }
  }
}

/** The group key and label of a breakdown, and the table that names it. */
function dimension(by: (typeof BREAKDOWN_DIMENSIONS)[number]): { key: SQL; label: SQL; join: SQL } {
  switch (by) {
    case 'city':
      return { key: sql`l.city`, label: sql`coalesce(l.city, 'Unknown')`, join: sql`` }
    case 'category':
      return { key: sql`c.id::text`, label: sql`c.name`, join: sql`join categories c on c.id = l.category_id` }
    case 'partner':
      return { key: sql`p.id::text`, label: sql`p.business_name`, join: sql`join partners p on p.id = l.partner_id` }
    case 'listing':
      return { key: sql`l.id::text`, label: sql`l.title`, join: sql`` }
  }
}

export function createAnalyticsRepository(executor: Executor) {
  return {
    /** Money, bookings and who booked, per period, from bookings confirmed in either period (each partner's rate read once). */
    bookingFigures(periods: Periods, defaultCommissionPercent: number): Promise<BookingFiguresRow[]> {
      const rate = partnerBasisPoints(sql`p.commission_percent`, defaultCommissionPercent)
      return queryRows<BookingFiguresRow>(
        executor,
        sql`select ${periodOf(sql`b.confirmed_at`, periods.start)} as period,
                   coalesce(sum(b.amount) filter (where ${MONEY}), 0)::bigint as gmv,
                   coalesce(sum(b.refund_amount) filter (where ${MONEY}), 0)::bigint as refunds,
                   coalesce(sum(${bookingCommission(sql`b`, sql`p.basis_points`)}), 0)::bigint as net_revenue,
                   count(*)::int as bookings,
                   (count(*) filter (where b.status = 'cancelled'))::int as cancellations,
                   count(distinct b.user_id)::int as customers_booked,
                   count(distinct l.partner_id)::int as active_partners
            from bookings b join listings l on l.id = b.listing_id
            join (select id, ${rate} as basis_points from partners p) p on p.id = l.partner_id
            where ${confirmedIn({ start: periods.previousStart, end: periods.end })}
            group by 1`,
      )
    },

    /** Credit plans bought with money (not free trials), per period of payment. */
    creditSales(periods: Periods): Promise<CreditSalesRow[]> {
      return queryRows<CreditSalesRow>(
        executor,
        sql`select ${periodOf(sql`cp.paid_at`, periods.start)} as period, coalesce(sum(cp.amount), 0)::bigint as amount, count(*)::int as count
            from credit_purchases cp
            where cp.status = 'paid' and cp.payment_method <> 'free'
              and cp.paid_at >= ${periods.previousStart}::timestamptz and cp.paid_at < ${periods.end}::timestamptz
            group by 1`,
      )
    },

    /** Customer accounts created, per period. */
    newCustomers(periods: Periods): Promise<NewCustomersRow[]> {
      return queryRows<NewCustomersRow>(
        executor,
        sql`select ${periodOf(sql`u.created_at`, periods.start)} as period, count(*)::int as count
            from users u
            where u.role = 'customer' and u.created_at >= ${periods.previousStart}::timestamptz and u.created_at < ${periods.end}::timestamptz
            group by 1`,
      )
    },

    /** Sessions not cancelled that started in a period and before `now`, with their seats taken and capacity. */
    sessionsHeld(periods: Periods, now: string): Promise<SessionsHeldRow[]> {
      return queryRows<SessionsHeldRow>(
        executor,
        sql`select ${periodOf(sql`s.starts_at`, periods.start)} as period, count(*)::int as sessions,
                   coalesce(sum(s.seats_taken), 0)::bigint as seats_booked, coalesce(sum(s.capacity), 0)::bigint as seats_capacity
            from sessions s
            where s.status = 'scheduled' and s.starts_at >= ${periods.previousStart}::timestamptz
              and s.starts_at < least(${periods.end}::timestamptz, ${now}::timestamptz)
            group by 1`,
      )
    },

    /** What waits for an admin now. */
    async queues(): Promise<QueuesRow | undefined> {
      const rows = await queryRows<QueuesRow>(
        executor,
        sql`select (select count(*) from listings where status = 'pending_approval')::int as listings_pending_review,
                   (select count(*) from partners where kyc_status = 'submitted')::int as kyc_pending,
                   ((select count(*) from bookings where refund_status = 'failed')
                     + (select count(*) from extra_payments where refund_status = 'failed'))::int as failed_refunds`,
      )
      return rows[0]
    },

    /** A metric summed per India day, ISO week or month; only buckets with rows come back. */
    timeseries(metric: (typeof TIMESERIES_METRICS)[number], bucket: (typeof BUCKETS)[number], span: Span): Promise<BucketRow[]> {
      const source = seriesSource(metric, span)
      return queryRows<BucketRow>(
        executor,
        sql`select to_char(bucket, 'YYYY-MM-DD') as start, value
            from (select date_trunc(${bucket}, ${source.at} at time zone ${INDIA}) as bucket, coalesce(sum(${source.value}), 0)::bigint as value
                  from ${source.from} group by 1) t
            order by bucket`,
      )
    },

    /**
     * Bookings confirmed in the span per group, the largest `limit` by GMV, each row carrying the totals of every group.
     * Summed per listing first, so only the listings booked are joined.
     */
    breakdown(by: (typeof BREAKDOWN_DIMENSIONS)[number], span: Span, limit: number): Promise<BreakdownRow[]> {
      const d = dimension(by)
      return queryRows<BreakdownRow>(
        executor,
        sql`with per_listing as (
              select b.listing_id, count(*)::int as bookings, coalesce(sum(b.amount) filter (where ${MONEY}), 0)::bigint as gmv
              from bookings b where ${confirmedIn(span)} group by b.listing_id
            ), groups as (
              select ${d.key} as key, ${d.label} as label, sum(pl.bookings)::int as bookings, sum(pl.gmv)::bigint as gmv
              from per_listing pl join listings l on l.id = pl.listing_id ${d.join}
              group by 1, 2
            )
            select key, label, bookings, gmv, (count(*) over ())::int as groups,
                   (sum(bookings) over ())::bigint as total_bookings, (sum(gmv) over ())::bigint as total_gmv
            from groups order by gmv desc, bookings desc, label, key limit ${limit}`,
      )
    },

    /**
     * Customers whose first confirmed booking ever falls in the months [fromMonth, toMonth) ('YYYY-MM-01', India), by
     * that month, and how many of each cohort had a booking confirmed in each month since (offset 0 is the cohort itself).
     * One pass: each customer's booking months, the first of them by a window over the customer.
     */
    cohorts(fromMonth: string, untilMonth: string): Promise<CohortRow[]> {
      return queryRows<CohortRow>(
        executor,
        sql`with months as (
              select b.user_id, date_trunc('month', b.confirmed_at at time zone ${INDIA}) as month
              from bookings b where ${CONFIRMED} group by 1, 2
            ), firsts as (
              select user_id, month, min(month) over (partition by user_id) as cohort from months
            )
            select to_char(cohort, 'YYYY-MM') as month,
                   ((extract(year from month) - extract(year from cohort)) * 12 + extract(month from month) - extract(month from cohort))::int as month_offset,
                   count(*)::int as customers
            from firsts where cohort >= ${fromMonth}::timestamp and cohort < ${untilMonth}::timestamp
            group by 1, 2 order by 1, 2`,
      )
    },
  }
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>
