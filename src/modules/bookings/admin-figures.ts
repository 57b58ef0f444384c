// What the admin's user and partner screens read of bookings: a user's latest bookings, and each partner's totals.
// The auth and partners modules cannot import bookings (bookings imports them): app.ts hands these in as their ports.
import { count, desc, eq, inArray, isNotNull, sql, and } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings } from '../../db/schema/bookings.js'
import { findListingTitles } from '../listings/index.js'

export interface UserBookingLine {
  id: string
  listing_id: string
  listing_title: string
  status: (typeof bookings.$inferSelect)['status']
  payment_method: (typeof bookings.$inferSelect)['payment_method']
  seats: number
  amount: number
  credits_amount: number
  refund_amount: number
  created_at: Date
  confirmed_at: Date | null
  cancelled_at: Date | null
}

/** The user's `limit` latest bookings (newest first) and how many they have in all. */
export async function findLatestUserBookings(executor: Executor, userId: string, limit: number): Promise<{ items: UserBookingLine[]; total: number }> {
  const [counted] = await executor.select({ n: count() }).from(bookings).where(eq(bookings.user_id, userId))
  const rows = await executor
    .select({
      id: bookings.id,
      listing_id: bookings.listing_id,
      status: bookings.status,
      payment_method: bookings.payment_method,
      seats: bookings.seats,
      amount: bookings.amount,
      credits_amount: bookings.credits_amount,
      refund_amount: bookings.refund_amount,
      created_at: bookings.created_at,
      confirmed_at: bookings.confirmed_at,
      cancelled_at: bookings.cancelled_at,
    })
    .from(bookings)
    .where(eq(bookings.user_id, userId))
    .orderBy(desc(bookings.created_at), desc(bookings.id))
    .limit(limit)
  const titles = new Map((await findListingTitles(executor, [...new Set(rows.map((r) => r.listing_id))])).map((l) => [l.id, l.title]))
  return { items: rows.map((r) => ({ ...r, listing_title: titles.get(r.listing_id) ?? '' })), total: Number(counted?.n ?? 0) }
}

export interface PartnerBookingFigures {
  partner_id: string
  /** Bookings ever confirmed (confirmed, completed, or cancelled after confirming). */
  bookings_count: number
  /** Their amounts in paise before refunds: the gross merchandise value. */
  gmv: number
}

/** Per partner, over all time: bookings that were ever confirmed and what they were worth. Partners with none are absent. */
export async function findPartnerBookingFigures(executor: Executor, partnerIds: readonly string[]): Promise<PartnerBookingFigures[]> {
  if (partnerIds.length === 0) return []
  const rows = await executor
    .select({ partner_id: bookings.partner_id, bookings_count: count(), gmv: sql<string>`coalesce(sum(${bookings.amount}), 0)::bigint` })
    .from(bookings)
    .where(and(inArray(bookings.partner_id, [...partnerIds]), isNotNull(bookings.confirmed_at)))
    .groupBy(bookings.partner_id)
  return rows.flatMap((r) => (r.partner_id === null ? [] : [{ partner_id: r.partner_id, bookings_count: Number(r.bookings_count), gmv: Number(r.gmv) }]))
}
