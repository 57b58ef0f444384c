// The admins' read model of bookings: one statement joins each booking to its customer (users), listing and partner and
// its first session, for the filtered list, the detail's summary and the CSV's keyset batches.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import type { AdminBookingsFilter, ListAdminBookingsQuery } from './admin-bookings.schemas.js'

const INDIA = 'Asia/Kolkata'
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const FROM = sql`from bookings b
  join users u on u.id = b.user_id
  join listings l on l.id = b.listing_id
  left join partners p on p.id = l.partner_id
  left join sessions s0 on s0.id = b.session_id`

/** The start of an India day ('YYYY-MM-DD') as an instant. */
const indiaDayStart = (day: string) => sql`(${day}::date::timestamp at time zone ${INDIA})`
const indiaDayEnd = (day: string) => sql`((${day}::date + 1)::timestamp at time zone ${INDIA})`

function whereOf(filter: AdminBookingsFilter): SQL {
  const conditions: SQL[] = [sql`true`]
  if (filter.status) conditions.push(sql`b.status = ${filter.status}`)
  if (filter.payment_method) conditions.push(sql`b.payment_method = ${filter.payment_method}`)
  if (filter.partner_id) conditions.push(sql`l.partner_id = ${filter.partner_id}::uuid`)
  if (filter.listing_id) conditions.push(sql`b.listing_id = ${filter.listing_id}::uuid`)
  if (filter.user_id) conditions.push(sql`b.user_id = ${filter.user_id}::uuid`)
  if (filter.city) conditions.push(sql`lower(l.city) = lower(${filter.city.trim()})`)
  if (filter.q?.trim()) {
    const like = likePattern(filter.q.trim())
    conditions.push(sql`(u.name ilike ${like} or u.phone ilike ${like} or u.email ilike ${like})`)
  }
  if (filter.date_field === 'session') {
    const bounds: SQL[] = []
    if (filter.from) bounds.push(sql`s.starts_at >= ${indiaDayStart(filter.from)}`)
    if (filter.to) bounds.push(sql`s.starts_at < ${indiaDayEnd(filter.to)}`)
    if (bounds.length)
      conditions.push(sql`exists (select 1 from booking_sessions bs join sessions s on s.id = bs.session_id where bs.booking_id = b.id and ${sql.join(bounds, sql` and `)})`)
  } else {
    if (filter.from) conditions.push(sql`b.created_at >= ${indiaDayStart(filter.from)}`)
    if (filter.to) conditions.push(sql`b.created_at < ${indiaDayEnd(filter.to)}`)
  }
  return sql.join(conditions, sql` and `)
}

/** The columns every read here shares: the booking's money, and who and what it is for. */
interface BookingParties {
  id: string
  status: string
  payment_method: string
  seats: number
  amount: number
  refund_amount: number
  refund_status: string | null
  credits_amount: number
  credits_refunded: number
  cancelled_by: string | null
  user_id: string
  customer_name: string
  customer_phone: string | null
  customer_email: string | null
  listing_id: string
  listing_title: string
  city: string | null
  partner_id: string | null
  partner_name: string | null
}

const PARTIES = sql`b.id, b.status, b.payment_method, b.seats, b.amount, b.refund_amount, b.refund_status, b.credits_amount, b.credits_refunded,
  b.cancelled_by, b.user_id, u.name as customer_name, u.phone as customer_phone, u.email as customer_email,
  b.listing_id, l.title as listing_title, l.city, p.id as partner_id, p.business_name as partner_name`

export interface AdminBookingRow extends BookingParties {
  first_session_at: Date | string | null
  cancelled_at: Date | string | null
  created_at: Date | string
}

const COLUMNS = sql`${PARTIES}, s0.starts_at as first_session_at, b.cancelled_at, b.created_at`

const ORDER: Record<NonNullable<ListAdminBookingsQuery['sort']>, SQL> = {
  newest: sql`b.created_at desc, b.id desc`,
  oldest: sql`b.created_at asc, b.id asc`,
  amount: sql`b.amount desc, b.created_at desc, b.id desc`,
  session_date: sql`s0.starts_at asc nulls last, b.id asc`,
}

export async function listAdminBookingRows(executor: Executor, query: ListAdminBookingsQuery, limit: number, offset: number) {
  const where = whereOf(query)
  const [rows, count] = await Promise.all([
    queryRows<AdminBookingRow>(executor, sql`select ${COLUMNS} ${FROM} where ${where} order by ${ORDER[query.sort ?? 'newest']} limit ${limit} offset ${offset}`),
    queryRow<{ n: number }>(executor, sql`select count(*)::int as n ${FROM} where ${where}`),
  ])
  return { rows, total: count?.n ?? 0 }
}

export async function findAdminBookingRow(executor: Executor, bookingId: string): Promise<AdminBookingRow | undefined> {
  return queryRow<AdminBookingRow>(executor, sql`select ${COLUMNS} ${FROM} where b.id = ${bookingId}::uuid`)
}

/** One CSV line's fields; times already in India time, text as stored. */
export interface ExportBookingRow extends BookingParties {
  created_at_ist: string
  first_session_ist: string | null
  cancelled_at_ist: string | null
  cancellation_reason: string | null
  payment_ref: string | null
}

const IST = (column: SQL) => sql`to_char(${column} at time zone ${INDIA}, 'YYYY-MM-DD HH24:MI:SS')`

/**
 * The next batch of the export in (created_at, id) order after the cursor: keyset reads, so each batch is an index walk
 * and nothing holds more than one batch in memory. The cursor's created_at travels as text to keep microseconds.
 */
export async function readExportBatch(
  executor: Executor,
  filter: AdminBookingsFilter,
  after: { created_at: string; id: string } | null,
  limit: number,
): Promise<Array<ExportBookingRow & { cursor_at: string }>> {
  const cursor = after ? sql`and (b.created_at, b.id) > (${after.created_at}::timestamptz, ${after.id}::uuid)` : sql``
  return queryRows(
    executor,
    sql`select ${PARTIES}, b.created_at::text as cursor_at, ${IST(sql`b.created_at`)} as created_at_ist, ${IST(sql`s0.starts_at`)} as first_session_ist,
          ${IST(sql`b.cancelled_at`)} as cancelled_at_ist, b.cancellation_reason, b.payment_ref
        ${FROM} where ${whereOf(filter)} ${cursor}
        order by b.created_at, b.id limit ${limit}`,
  )
}
