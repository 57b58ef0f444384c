// POST /api/bookings in few round trips (issue 14: each statement is one, and they bound a booking's throughput): one
// statement claims the Idempotency-Key and reads everything the booking checks; one takes the seat, inserts the booking,
// its seat row, its invoice and its jobs (outbox rows). The rules stay in create-booking.ts and the invariants in the database (seat CHECK, triggers, keys).
// Both are named prepared statements (queryPreparedRow): parsing and planning them cost PostgreSQL more than running them.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryPreparedRow } from '../../db/query.js'
import { takeSeatsSql } from '../scheduling/index.js'
import { settingValueSql } from '../settings/index.js'
import type { BookingRow, SessionRow } from './bookings.repository.js'

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`
const date = (v: string | Date) => (v instanceof Date ? v : new Date(v))

export interface BookingReadInput {
  userId: string
  listingId: string
  planId: string
  /** The one session asked for, if any: its row, and whether one of the children already holds a seat in it. */
  sessionId: string | undefined
  childIds: readonly string[]
  /** The Idempotency-Key's claim (claimIdempotencyKeySql), run as this statement's CTE. */
  claim: SQL
  /** The wallet's usable credits as a scalar subquery, when paying with credits. */
  usableCredits: SQL | undefined
}

export interface BookingFacts {
  /** False: the key was there already (a replay, a reuse or a request still running), and nothing else counts. */
  claimed: boolean
  listing:
    | { id: string; partner_id: string; title: string; status: string; age_min: number; age_max: number; timezone: string; is_online: boolean }
    | undefined
  /** The supplier side of an invoice: the partner, the venue's state, the category, and the partner's series if given. */
  supplier: { business_name: string; gstin: string | null; partner_state: string | null; venue_state: string | null; category_slug: string; series: string | null }
  plan:
    | { id: string; listing_id: string; kind: string; name: string; price: number; credits_price: number | null; active: boolean; validity_days: number | null; sessions_count: number }
    | undefined
  session: { id: string; listing_id: string; batch_id: string | null; status: SessionRow['status']; starts_at: Date; ends_at: Date } | undefined
  kids: Array<{ id: string; name: string; date_of_birth: string }>
  already_booked: boolean
  trial_used: boolean
  gst: unknown
  gst_exempt_categories: unknown
  customer_name: string
  usable_credits: number
}

interface FactsRow extends Pick<BookingFacts, 'kids' | 'already_booked' | 'trial_used' | 'gst' | 'gst_exempt_categories' | 'customer_name' | 'usable_credits'> {
  claimed: number
  l_id: string | null
  l_partner_id: string
  l_title: string
  l_status: string
  l_age_min: number
  l_age_max: number
  l_timezone: string
  l_is_online: boolean
  business_name: string
  gstin: string | null
  partner_state: string | null
  venue_state: string | null
  category_slug: string
  series: string | null
  p_id: string | null
  p_listing_id: string
  p_kind: string
  p_name: string
  p_price: number
  p_credits_price: number | null
  p_active: boolean
  p_validity_days: number | null
  p_sessions_count: number
  s_id: string | null
  s_listing_id: string
  s_batch_id: string | null
  s_status: SessionRow['status']
  s_starts_at: string | Date
  s_ends_at: string | Date
}

/** The key's claim and every read of a booking, in one statement. */
export async function claimAndReadBookingFacts(tx: Executor, input: BookingReadInput): Promise<BookingFacts> {
  const kids = uuidArray(input.childIds)
  const row = await queryPreparedRow<FactsRow>(
    tx,
    sql`with claim as (${input.claim})
      select (select count(*) from claim)::int as claimed,
        l.id as l_id, l.partner_id as l_partner_id, l.title as l_title, l.status as l_status, l.age_min as l_age_min, l.age_max as l_age_max,
        l.timezone as l_timezone, l.is_online as l_is_online,
        p.business_name, p.gstin, p.state as partner_state, v.state as venue_state, c.slug as category_slug, pis.series,
        po.id as p_id, po.listing_id as p_listing_id, po.kind as p_kind, po.name as p_name, po.price as p_price, po.credits_price as p_credits_price,
        po.active as p_active, po.validity_days as p_validity_days, po.sessions_count as p_sessions_count,
        s.id as s_id, s.listing_id as s_listing_id, s.batch_id as s_batch_id, s.status as s_status, s.starts_at as s_starts_at, s.ends_at as s_ends_at,
        (select coalesce(json_agg(json_build_object('id', ch.id, 'name', ch.name, 'date_of_birth', ch.date_of_birth)), '[]'::json)
           from children ch where ch.id = any(${kids}) and ch.user_id = ${input.userId}::uuid) as kids,
        ${
          input.sessionId
            ? sql`exists (select 1 from session_children sc where sc.session_id = ${input.sessionId}::uuid and sc.child_id = any(${kids}))`
            : sql`false`
        } as already_booked,
        exists (select 1 from trial_uses t where t.listing_id = ${input.listingId}::uuid and t.child_id = any(${kids})) as trial_used,
        ${settingValueSql('gst')} as gst, ${settingValueSql('gst_exempt_categories')} as gst_exempt_categories,
        coalesce(nullif(u.name, ''), u.email, u.phone, 'Customer') as customer_name,
        ${input.usableCredits ?? sql`0`} as usable_credits
      from (select 1) as one
      left join listings l on l.id = ${input.listingId}::uuid
      left join partners p on p.id = l.partner_id
      left join venues v on v.id = l.venue_id
      left join categories c on c.id = l.category_id
      left join partner_invoice_series pis on pis.partner_id = l.partner_id
      left join plan_options po on po.id = ${input.planId}::uuid
      left join sessions s on s.id = ${input.sessionId ?? null}::uuid
      left join users u on u.id = ${input.userId}::uuid`,
  )
  const r = row!
  return {
    claimed: Number(r.claimed) > 0,
    listing: r.l_id
      ? { id: r.l_id, partner_id: r.l_partner_id, title: r.l_title, status: r.l_status, age_min: r.l_age_min, age_max: r.l_age_max, timezone: r.l_timezone, is_online: r.l_is_online }
      : undefined,
    supplier: { business_name: r.business_name, gstin: r.gstin, partner_state: r.partner_state, venue_state: r.venue_state, category_slug: r.category_slug, series: r.series },
    plan: r.p_id
      ? {
          id: r.p_id, listing_id: r.p_listing_id, kind: r.p_kind, name: r.p_name, price: r.p_price, credits_price: r.p_credits_price, active: r.p_active,
          validity_days: r.p_validity_days, sessions_count: r.p_sessions_count,
        }
      : undefined,
    session: r.s_id
      ? { id: r.s_id, listing_id: r.s_listing_id, batch_id: r.s_batch_id, status: r.s_status, starts_at: date(r.s_starts_at), ends_at: date(r.s_ends_at) }
      : undefined,
    kids: r.kids,
    already_booked: r.already_booked,
    trial_used: r.trial_used,
    gst: r.gst ?? undefined,
    gst_exempt_categories: r.gst_exempt_categories ?? undefined,
    customer_name: r.customer_name,
    usable_credits: Number(r.usable_credits),
  }
}

const ts = (d: Date | null) => (d ? sql`${d.toISOString()}::timestamptz` : sql`null::timestamptz`)

/**
 * Takes the seats of one session and, only if it did, inserts the booking and its seat row, plus the caller's `last`
 * CTEs (the invoice and the confirmation's outbox jobs, gated on the booking row) and `alongside` statement (the key's
 * completion): one statement, the
 * transaction's last but the wallet's, so the session's and the invoice series' row locks are held only from here to the
 * commit. False when the session refused (full, cancelled or started): the caller throws and the rest rolls back.
 */
export async function takeSeatAndInsertBooking(
  tx: Executor,
  booking: BookingRow,
  seatRow: { id: string; status: 'booked' | 'held' },
  now: Date,
  more: { last?: ((bookingWritten: SQL) => SQL) | undefined; alongside?: SQL | undefined } = {},
): Promise<boolean> {
  const b = booking
  const row = await queryPreparedRow<{ seat_rows: number }>(
    tx,
    sql`with seat as (${takeSeatsSql(b.session_id!, b.seats, now)}),
      booking as (
        insert into bookings (id, user_id, listing_id, partner_id, plan_option_id, session_id, batch_id, status, child_ids, seats, amount, payment_method,
          credits_amount, credits_refunded, credits_refund_value, payment_ref, razorpay_order_id, payment_failed_at, hold_expires_at, confirmed_at,
          sessions_remaining, valid_until, reschedule_count, cancellation_reason, cancelled_by, cancelled_at, refund_amount, refund_status, refund_ref,
          created_at, updated_at)
        select ${b.id}::uuid, ${b.user_id}::uuid, ${b.listing_id}::uuid, ${b.partner_id}::uuid, ${b.plan_option_id}::uuid, seat.id, ${b.batch_id}::uuid,
          ${b.status}, ${uuidArray(b.child_ids)}, ${b.seats}::int, ${b.amount}::int, ${b.payment_method}, ${b.credits_amount}::int, ${b.credits_refunded}::int,
          ${b.credits_refund_value}::int, ${b.payment_ref}, ${b.razorpay_order_id}, ${ts(b.payment_failed_at)}, ${ts(b.hold_expires_at)}, ${ts(b.confirmed_at)},
          ${b.sessions_remaining}::int, ${ts(b.valid_until)}, ${b.reschedule_count}::int, ${b.cancellation_reason}, ${b.cancelled_by}, ${ts(b.cancelled_at)},
          ${b.refund_amount}::int, ${b.refund_status}, ${b.refund_ref}, ${ts(b.created_at)}, ${ts(b.updated_at)}
        from seat
        returning id
      ),
      seat_row as (
        insert into booking_sessions (id, booking_id, session_id, seats, status, created_at)
        select ${seatRow.id}::uuid, booking.id, ${b.session_id}::uuid, ${b.seats}::int, ${seatRow.status}, ${ts(now)} from booking
        returning 1
      )${more.last ? sql`, ${more.last(sql`exists (select 1 from booking)`)}` : sql``}${more.alongside ? sql`, alongside as (${more.alongside})` : sql``}
      select (select count(*) from seat_row)::int as seat_rows${more.alongside ? sql`, (select count(*) from alongside)::int as alongside` : sql``}`,
  )
  return Number(row?.seat_rows ?? 0) === 1
}

/** The last statement of a booking that took its seats the long way (a month of a batch): its CTEs and the key's completion. */
export async function runLastStatement(tx: Executor, last: SQL | undefined, completion: SQL): Promise<void> {
  await tx.execute(last ? sql`with ${last}, alongside as (${completion}) select (select count(*) from alongside)::int as done` : completion)
}
