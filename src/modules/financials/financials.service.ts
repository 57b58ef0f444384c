// A partner's money over a date range, computed from their bookings (see README "Partner financials" for the rules).
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import { DAY_MS } from '../../shared/clock.js'
import { getPartnerOfUser } from '../partners/index.js'
import { basisPointsOf, bookingCommission } from './commission.js'
import { InvalidDateRangeError } from './financials.errors.js'
import type { FinancialSummaryQuery, FinancialSummaryResponse, ListingFinancials } from './financials.schemas.js'

const IST = '+05:30'
const IST_OFFSET_MS = 330 * 60_000
const DEFAULT_RANGE_DAYS = 30
const MAX_RANGE_DAYS = 3_660

const indiaDate = (at: Date): string => new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10)
const startOfIndiaDay = (day: string): Date => new Date(`${day}T00:00:00${IST}`)

/** [from, to] with the defaults filled in; to before from (or an absurd span) is 422. */
export function resolveRange(query: FinancialSummaryQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? indiaDate(now)
  const from = query.from ?? indiaDate(new Date(startOfIndiaDay(to).getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS))
  if (to < from) throw new InvalidDateRangeError('`to` must be on or after `from`')
  if ((startOfIndiaDay(to).getTime() - startOfIndiaDay(from).getTime()) / DAY_MS >= MAX_RANGE_DAYS)
    throw new InvalidDateRangeError(`A summary covers at most ${MAX_RANGE_DAYS} days`)
  return { from, to }
}

interface ListingRow {
  listing_id: string
  listing_title: string
  bookings_count: number | string
  gross: number | string
  refunds: number | string
  commission: number | string
  payable_gross: number | string
  payable_commission: number | string
}

export function createFinancialsService(deps: { db: Db; clock: Clock; defaultCommissionPercent: number }) {
  const { db, clock } = deps

  return {
    async summarize(userId: string, query: FinancialSummaryQuery): Promise<FinancialSummaryResponse> {
      const partner = await getPartnerOfUser(db, userId)
      const { from, to } = resolveRange(query, clock.now())
      const percent = partner.commission_percent === null ? deps.defaultCommissionPercent : Number(partner.commission_percent)
      const basisPoints = basisPointsOf(percent)
      const start = startOfIndiaDay(from).toISOString()
      const end = new Date(startOfIndiaDay(to).getTime() + DAY_MS).toISOString()
      // per booking: refund = money refunded + the value of credits given back; kept = amount − refund;
      // commission = kept × rate, rounded half up to the paisa; settled = completed or cancelled
      const rows = await queryRows<ListingRow>(
        db,
        sql`with lines as (
              select b.listing_id, l.title as listing_title, b.amount, b.refund_amount + b.credits_refund_value as refund_amount,
                     (b.status in ('completed', 'cancelled')) as settled,
                     ${bookingCommission(sql`b`, sql`${basisPoints}`)} as commission
              from bookings b join listings l on l.id = b.listing_id
              where l.partner_id = ${partner.id}::uuid and b.confirmed_at is not null
                and b.status in ('confirmed', 'completed', 'cancelled')
                and b.confirmed_at >= ${start}::timestamptz and b.confirmed_at < ${end}::timestamptz
            )
            select listing_id, listing_title, count(*)::int as bookings_count, sum(amount)::bigint as gross, sum(refund_amount)::bigint as refunds,
                   sum(commission)::bigint as commission,
                   coalesce(sum(amount - refund_amount) filter (where settled), 0)::bigint as payable_gross,
                   coalesce(sum(commission) filter (where settled), 0)::bigint as payable_commission
            from lines group by listing_id, listing_title order by listing_title, listing_id`,
      )
      const byListing: ListingFinancials[] = rows.map((r) => {
        const gross = Number(r.gross)
        const refunds = Number(r.refunds)
        const commission = Number(r.commission)
        return {
          listing_id: r.listing_id,
          listing_title: r.listing_title,
          bookings_count: Number(r.bookings_count),
          gross,
          refunds,
          commission,
          net_earned: gross - refunds - commission,
          payable_now: Number(r.payable_gross) - Number(r.payable_commission),
        }
      })
      const total = (key: keyof Omit<ListingFinancials, 'listing_id' | 'listing_title'>) => byListing.reduce((sum, l) => sum + l[key], 0)
      const paidOut = 0
      return {
        from,
        to,
        currency: 'INR',
        commission_percent: percent,
        bookings_count: total('bookings_count'),
        gross: total('gross'),
        refunds: total('refunds'),
        commission: total('commission'),
        net_earned: total('net_earned'),
        paid_out: paidOut,
        payable_now: Math.max(0, total('payable_now') - paidOut),
        by_listing: byListing,
      }
    },
  }
}

export type FinancialsService = ReturnType<typeof createFinancialsService>
