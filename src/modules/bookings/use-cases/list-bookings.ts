// Reading bookings: a parent's own, and a partner's (children's first names and ages only).
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { bookings } from '../../../db/schema/bookings.js'
import { HOUR_MS } from '../../../shared/clock.js'
import { pageOffset, type PageOf } from '../../../shared/schemas.js'
import { findChildren } from '../../auth/index.js'
import { partnerListingIds } from '../../listings/index.js'
import { getPartnerOfUser } from '../../partners/index.js'
import { toBookingView, toBookingViews, type BookingsContext } from '../booking-context.js'
import { ageOnDate, localDate } from '../booking-rules.js'
import { AttendanceTooEarlyError, BookingNotConfirmedError, BookingNotFoundError, SessionNotInBookingError } from '../bookings.errors.js'
import { bookingsRepository, type BookingRow } from '../bookings.repository.js'
import type { BookingResponse, MarkAttendanceBody, MyBookingsQuery, PartnerBookingResponse, PartnerBookingsQuery } from '../bookings.schemas.js'

const INDIA = 'Asia/Kolkata'
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

export function createListUseCases(ctx: BookingsContext) {
  const { db, clock } = ctx

  async function toPartnerViews(rows: readonly BookingRow[], sessionFilter?: string): Promise<PartnerBookingResponse[]> {
    if (rows.length === 0) return []
    const views = await toBookingViews(db, rows)
    const childIds = [...new Set(rows.flatMap((r) => r.child_ids))]
    const kids = await findChildren(db, childIds)
    const today = localDate(clock.now(), INDIA)
    const kid = new Map(kids.map((k) => [k.id, { id: k.id, first_name: firstName(k.name), age: Math.max(0, ageOnDate(k.date_of_birth, today)) }]))
    return views.map((v) => ({
      id: v.id,
      listing_id: v.listing_id,
      listing_title: v.listing_title,
      plan_kind: v.plan_kind,
      status: v.status,
      seats: v.seats,
      amount: v.amount,
      children: v.child_ids.flatMap((id) => kid.get(id) ?? []),
      sessions: v.sessions.filter((s) => !sessionFilter || s.session_id === sessionFilter),
      created_at: v.created_at,
    }))
  }

  async function findPartnerBooking(partnerId: string, bookingId: string): Promise<BookingRow> {
    const [row] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.id, bookingId), inArray(bookings.listing_id, partnerListingIds(db, partnerId))))
    if (!row) throw new BookingNotFoundError()
    return row
  }

  return {
    async getBooking(userId: string, bookingId: string): Promise<BookingResponse> {
      const row = await bookingsRepository(db).findBooking(bookingId)
      if (!row || row.user_id !== userId) throw new BookingNotFoundError()
      return toBookingView(db, row)
    },

    async listMyBookings(userId: string, query: MyBookingsQuery): Promise<PageOf<BookingResponse>> {
      const now = clock.now().toISOString()
      const nextStart = sql`(select min(s.starts_at) from booking_sessions bs join sessions s on s.id = bs.session_id
        where bs.booking_id = ${bookings.id} and bs.status <> 'released' and s.starts_at > ${now}::timestamptz)`
      const filters: Record<NonNullable<MyBookingsQuery['status']>, SQL> = {
        upcoming: sql`${bookings.status} in ('pending_payment','confirmed') and (${nextStart} is not null or ${bookings.sessions_remaining} > 0)`,
        past: sql`(${bookings.status} = 'completed' or (${bookings.status} = 'confirmed' and ${nextStart} is null and ${bookings.sessions_remaining} = 0))`,
        cancelled: sql`${bookings.status} in ('cancelled','expired')`,
      }
      const where = and(eq(bookings.user_id, userId), query.status ? filters[query.status] : undefined)
      const { limit, offset } = pageOffset(query)
      const order = query.status === 'upcoming' ? [sql`${nextStart} asc nulls last`, desc(bookings.created_at)] : [desc(bookings.created_at), desc(bookings.id)]
      const [rows, [total]] = await Promise.all([
        db.select().from(bookings).where(where).orderBy(...order).limit(limit).offset(offset),
        db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(where),
      ])
      return { items: await toBookingViews(db, rows), total: total?.n ?? 0, page: query.page, page_size: query.page_size }
    },

    async listPartnerBookings(userId: string, query: PartnerBookingsQuery): Promise<PageOf<PartnerBookingResponse>> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      const sessionConditions: SQL[] = []
      if (query.session_id) sessionConditions.push(sql`bs.session_id = ${query.session_id}::uuid`)
      if (query.from) sessionConditions.push(sql`(s.starts_at at time zone ${INDIA})::date >= ${query.from}::date`)
      if (query.to) sessionConditions.push(sql`(s.starts_at at time zone ${INDIA})::date <= ${query.to}::date`)
      const where = and(
        inArray(bookings.listing_id, partnerListingIds(db, partnerId)),
        query.listing_id ? eq(bookings.listing_id, query.listing_id) : undefined,
        query.status ? eq(bookings.status, query.status) : sql`${bookings.status} <> 'expired'`,
        sessionConditions.length
          ? sql`exists (select 1 from booking_sessions bs join sessions s on s.id = bs.session_id where bs.booking_id = ${bookings.id} and ${sql.join(sessionConditions, sql` and `)})`
          : undefined,
      )
      const { limit, offset } = pageOffset(query)
      const [rows, [total]] = await Promise.all([
        db.select().from(bookings).where(where).orderBy(desc(bookings.created_at), desc(bookings.id)).limit(limit).offset(offset),
        db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(where),
      ])
      return { items: await toPartnerViews(rows, query.session_id), total: total?.n ?? 0, page: query.page, page_size: query.page_size }
    },

    async markAttendance(userId: string, bookingId: string, body: MarkAttendanceBody): Promise<PartnerBookingResponse> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      const booking = await findPartnerBooking(partnerId, bookingId)
      if (booking.status !== 'confirmed' && booking.status !== 'completed') throw new BookingNotConfirmedError()
      const repo = bookingsRepository(db)
      const seat = (await repo.sessionsOf([booking.id], true)).find((s) => s.session_id === body.session_id)
      if (!seat) throw new SessionNotInBookingError()
      const now = clock.now()
      if (seat.starts_at.getTime() - now.getTime() > HOUR_MS) throw new AttendanceTooEarlyError()
      // the mark and the badge evaluation it may earn commit together
      await db.transaction(async (tx) => {
        await bookingsRepository(tx).markAttendance(seat.id, body.status, now)
        await ctx.earnBadges?.(tx, { user_id: booking.user_id, event_key: `attendance:${seat.id}:${now.toISOString()}` })
      })
      return (await toPartnerViews([booking]))[0]!
    },
  }
}
