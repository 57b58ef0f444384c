// A partner's money over a date range, computed from their bookings (see README "Partner financials" for the rules).
import { sql } from 'drizzle-orm'
import type { Db, Executor } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import { DAY_MS } from '../../shared/clock.js'
import { getPartnerOfUser, type PartnerRow } from '../partners/index.js'
import { defaultCommissionPercent } from '../settings/index.js'
import { basisPointsOf, bookingCommission } from './commission.js'
import { InvalidDateRangeError } from './financials.errors.js'
import type { FinancialSummaryQuery, FinancialSummaryResponse, ListingFinancials } from './financials.schemas.js'

const IST = '+05:30'
const IST_OFFSET_MS = 330 * 60_000
const DEFAULT_RANGE_DAYS = 30
const MAX_RANGE_DAYS = 3_660

const indiaDate = (at: Date): string => new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10)
export const startOfIndiaDay = (day: string): Date => new Date(`${day}T00:00:00${IST}`)

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

/** What financials needs of payouts (the payouts module implements it; app.ts wires it in). */
export interface PayoutTotals {
  /** Paise of the partner's payouts that hold money: requested, approved, processing or paid (not rejected, failed, reversed). */
  holding(executor: Executor, partnerId: string): Promise<number>
  /** Paise paid out to the partner with paid_at in [start, end). */
  paidBetween(executor: Executor, partnerId: string, start: Date, end: Date): Promise<number>
}

const noPayouts: PayoutTotals = { holding: async () => 0, paidBetween: async () => 0 }

/** The platform's default rate now: an admin's default_commission_percent (GET /api/admin/config), else COMMISSION_PERCENT. */
/** The partner's own rate, else the platform's default, in percent. */
export function commissionPercentOf(partner: Pick<PartnerRow, 'commission_percent'>, defaultPercent: number): number {
  return partner.commission_percent === null ? defaultPercent : Number(partner.commission_percent)
}

// per booking: refund = money refunded + the value of credits given back; kept = amount − refund;
// commission = kept × rate, rounded half up to the paisa; settled = completed or cancelled
function bookingLines(partnerId: string, percent: number, range: { start: string; end: string } | null) {
  const basisPoints = basisPointsOf(percent)
  return sql`select b.listing_id, l.title as listing_title, b.amount, b.refund_amount + b.credits_refund_value as refund_amount,
                    (b.status in ('completed', 'cancelled')) as settled,
                    ${bookingCommission(sql`b`, sql`${basisPoints}`)} as commission
             from bookings b join listings l on l.id = b.listing_id
             where l.partner_id = ${partnerId}::uuid and b.confirmed_at is not null
               and b.status in ('confirmed', 'completed', 'cancelled')
               ${range ? sql`and b.confirmed_at >= ${range.start}::timestamptz and b.confirmed_at < ${range.end}::timestamptz` : sql``}`
}

/**
 * What the partner may be paid now: the net of every settled booking ever (amount − refunds − commission) minus the
 * payouts that hold money. Run it under the partner's row lock (getPartnerOfUser(tx, userId, 'update')) before adding a payout.
 */
export async function payableNow(
  executor: Executor,
  partner: Pick<PartnerRow, 'id' | 'commission_percent'>,
  fallbackCommissionPercent: number,
  payouts: PayoutTotals,
): Promise<number> {
  const percent = commissionPercentOf(partner, await defaultCommissionPercent(executor, fallbackCommissionPercent))
  const [row] = await queryRows<{ net: number | string }>(
    executor,
    sql`with lines as (${bookingLines(partner.id, percent, null)})
        select coalesce(sum(amount - refund_amount - commission) filter (where settled), 0)::bigint as net from lines`,
  )
  return Math.max(0, Number(row?.net ?? 0) - (await payouts.holding(executor, partner.id)))
}

export function createFinancialsService(deps: { db: Db; clock: Clock; defaultCommissionPercent: number; payouts?: PayoutTotals }) {
  const { db, clock } = deps
  const payouts = deps.payouts ?? noPayouts

  return {
    async summarize(userId: string, query: FinancialSummaryQuery): Promise<FinancialSummaryResponse> {
      const partner = await getPartnerOfUser(db, userId)
      const { from, to } = resolveRange(query, clock.now())
      const percent = commissionPercentOf(partner, await defaultCommissionPercent(db, deps.defaultCommissionPercent))
      const start = startOfIndiaDay(from)
      const end = new Date(startOfIndiaDay(to).getTime() + DAY_MS)
      const rows = await queryRows<ListingRow>(
        db,
        sql`with lines as (${bookingLines(partner.id, percent, { start: start.toISOString(), end: end.toISOString() })})
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
      const paidOut = await payouts.paidBetween(db, partner.id, start, end)
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
        payable_now: await payableNow(db, partner, deps.defaultCommissionPercent, payouts),
        by_listing: byListing,
      }
    },
  }
}

export type FinancialsService = ReturnType<typeof createFinancialsService>
