// The admin dashboard and analytics reports: every figure is defined in README.md "Admin dashboard and analytics".
import Type, { type Static } from 'typebox'
import { IsoDate, Paise } from '../../shared/schemas.js'

/** A calendar date in the years 2000–2999 (a report of year 9999 is a typo, and its day after does not exist in JS). */
const Day = (description: string, example: string) => Type.String({ format: 'date', pattern: '^2\\d{3}-\\d{2}-\\d{2}$', description, examples: [example] })
const From = Type.Optional(Day('First India day, YYYY-MM-DD (years 2000–2999); default: 29 days before `to`', '2026-11-01'))
const To = Type.Optional(Day('Last India day, YYYY-MM-DD, inclusive; default: today (India time)', '2026-11-30'))
const Count = Type.Integer({ minimum: 0 })
const Rate = Type.Number({ minimum: 0, maximum: 1, description: 'A share between 0 and 1, rounded to 4 decimals; 0 when there is nothing to divide by' })
const Period = (description: string) => Type.Object({ from: IsoDate, to: IsoDate }, { description })
const Money = (description: string) => Type.Integer({ minimum: 0, description: `Paise: ${description}` })
const CountOf = (description: string) => Type.Integer({ minimum: 0, description })

export const DateRangeQuery = Type.Object({ from: From, to: To })
export type DateRangeQuery = Static<typeof DateRangeQuery>

export const DashboardFigures = Type.Object({
  gmv: Money('the amounts of bookings paid with money (not credits) confirmed in the period'),
  refunds: Money('money refunded or being refunded on those bookings'),
  net_revenue: Money('the commission on every booking confirmed in the period, as in the partner financial summary'),
  credit_sales_amount: Money('credit plan purchases paid in the period'),
  credit_sales_count: Count,
  bookings: CountOf('Bookings confirmed in the period (money, credits or free)'),
  cancellations: CountOf('Of those, the ones cancelled since'),
  cancellation_rate: Rate,
  new_customers: CountOf('Customer accounts created in the period'),
  customers_booked: CountOf('Distinct customers with a booking confirmed in the period'),
  active_partners: CountOf('Distinct partners with a booking confirmed in the period'),
  sessions_held: CountOf('Sessions not cancelled that started in the period, before now'),
  seats_booked: Count,
  seats_capacity: Count,
  fill_rate: Rate,
})
export type DashboardFigures = Static<typeof DashboardFigures>

const FIGURES_EXAMPLE: DashboardFigures = {
  gmv: 4_995_000, refunds: 99_900, net_revenue: 734_265, credit_sales_amount: 1_198_000, credit_sales_count: 4,
  bookings: 62, cancellations: 3, cancellation_rate: 0.0484, new_customers: 41, customers_booked: 37, active_partners: 12,
  sessions_held: 180, seats_booked: 1_210, seats_capacity: 2_700, fill_rate: 0.4481,
}

export const DashboardResponse = Type.Object(
  {
    currency: Type.Literal('INR'),
    period: Period('The days asked for, India time, both ends inclusive'),
    previous_period: Period('The same number of days just before `period`'),
    current: DashboardFigures,
    previous: DashboardFigures,
    queues: Type.Object({
      listings_pending_review: Count,
      kyc_pending: CountOf('Partners whose KYC is submitted and not yet reviewed'),
      payout_requests_pending: Count,
      failed_refunds: CountOf('Bookings and duplicate payments whose Razorpay refund failed'),
    }),
  },
  {
    examples: [{
      currency: 'INR', period: { from: '2026-11-01', to: '2026-11-30' }, previous_period: { from: '2026-10-02', to: '2026-10-31' },
      current: FIGURES_EXAMPLE, previous: { ...FIGURES_EXAMPLE, gmv: 3_996_000, bookings: 50 },
      queues: { listings_pending_review: 3, kyc_pending: 2, payout_requests_pending: 1, failed_refunds: 0 },
    }],
  },
)
export type DashboardResponse = Static<typeof DashboardResponse>

export const TIMESERIES_METRICS = ['gmv', 'bookings', 'signups', 'credits_sold'] as const
export const BUCKETS = ['day', 'week', 'month'] as const

export const TimeseriesQuery = Type.Object({
  metric: Type.Enum([...TIMESERIES_METRICS], { description: 'gmv and credits_sold in paise; bookings and signups counted' }),
  bucket: Type.Enum([...BUCKETS], { default: 'day', description: 'India days, ISO weeks (Monday first) or calendar months' }),
  from: From,
  to: To,
})
export type TimeseriesQuery = Static<typeof TimeseriesQuery>

export const TimeseriesResponse = Type.Object(
  {
    metric: Type.Enum([...TIMESERIES_METRICS]),
    bucket: Type.Enum([...BUCKETS]),
    unit: Type.Enum(['paise', 'count']),
    from: IsoDate,
    to: IsoDate,
    total: Count,
    points: Type.Array(Type.Object({ start: Type.String({ format: 'date', description: 'The first day of the bucket (may be before `from`)' }), value: Count })),
  },
  {
    examples: [{
      metric: 'gmv', bucket: 'week', unit: 'paise', from: '2026-11-02', to: '2026-11-15', total: 299_700,
      points: [{ start: '2026-11-02', value: 199_800 }, { start: '2026-11-09', value: 99_900 }],
    }],
  },
)
export type TimeseriesResponse = Static<typeof TimeseriesResponse>

export const BREAKDOWN_DIMENSIONS = ['city', 'category', 'partner', 'listing'] as const

export const BreakdownQuery = Type.Object({
  by: Type.Enum([...BREAKDOWN_DIMENSIONS]),
  from: From,
  to: To,
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'How many groups to list; the rest are summed in `others`' }),
})
export type BreakdownQuery = Static<typeof BreakdownQuery>

const Totals = { bookings: Count, gmv: Paise }

export const BreakdownResponse = Type.Object(
  {
    by: Type.Enum([...BREAKDOWN_DIMENSIONS]),
    from: IsoDate,
    to: IsoDate,
    items: Type.Array(Type.Object({
      key: Type.Union([Type.String(), Type.Null()], { description: 'The id (category, partner, listing) or the city name; null for listings without a city' }),
      label: Type.String(),
      ...Totals,
    })),
    others: Type.Object({ groups: Count, ...Totals }, { description: 'The groups past `limit`, summed' }),
    total: Type.Object(Totals, { description: 'Every group: items + others' }),
  },
  {
    examples: [{
      by: 'city', from: '2026-11-01', to: '2026-11-30',
      items: [{ key: 'Gurgaon', label: 'Gurgaon', bookings: 40, gmv: 3_996_000 }, { key: 'Pune', label: 'Pune', bookings: 12, gmv: 999_000 }],
      others: { groups: 1, bookings: 10, gmv: 0 }, total: { bookings: 62, gmv: 4_995_000 },
    }],
  },
)
export type BreakdownResponse = Static<typeof BreakdownResponse>

export const CohortsQuery = Type.Object({
  from: Type.Optional(Day('A day in the first cohort month; default: the month 11 months before `to`’s', '2026-01-01')),
  to: Type.Optional(Day('A day in the last cohort month; default: today (India time)', '2026-11-30')),
})
export type CohortsQuery = Static<typeof CohortsQuery>

export const CohortsResponse = Type.Object(
  {
    from_month: Type.String({ pattern: '^\\d{4}-\\d{2}$', examples: ['2026-01'] }),
    to_month: Type.String({ pattern: '^\\d{4}-\\d{2}$', examples: ['2026-11'] }),
    cohorts: Type.Array(Type.Object({
      month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'The India month of these customers’ first confirmed booking' }),
      customers: Count,
      retention: Type.Array(Type.Object({
        month_offset: Type.Integer({ minimum: 1, description: '1 = the month after the cohort month' }),
        customers: CountOf('Of the cohort, those with a booking confirmed in that month'),
        share: Rate,
      }), { description: 'One entry per month after the cohort month that has begun, up to this month' }),
    })),
  },
  {
    examples: [{
      from_month: '2026-09', to_month: '2026-10',
      cohorts: [
        { month: '2026-09', customers: 20, retention: [{ month_offset: 1, customers: 8, share: 0.4 }, { month_offset: 2, customers: 5, share: 0.25 }] },
        { month: '2026-10', customers: 10, retention: [{ month_offset: 1, customers: 3, share: 0.3 }] },
      ],
    }],
  },
)
export type CohortsResponse = Static<typeof CohortsResponse>
