// What the admin's user and partner screens read of bookings: a user's latest bookings, and each partner's totals.
// The auth and partners modules cannot import bookings (bookings imports them): app.ts hands these in as their ports.
import { count, desc, eq, inArray, isNotNull, sql, and } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings } from '../../db/schema/bookings.js'
import type { UserBookingFacts } from '../auth/index.js'
import { findListingTitles } from '../listings/index.js'
import type { PartnerBookingFiguresQuery } from '../partners/index.js'

/** The user's `limit` latest bookings (newest first) and how many they have in all. */
export async function findLatestUserBookings(executor: Executor, userId: string, limit: number): Promise<{ items: UserBookingFacts[]; total: number }> {
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

/**
 * Per partner, over all time: bookings ever confirmed (confirmed, completed, or cancelled after confirming) and their
 * amounts before refunds (GMV). Partners with none are absent.
 */
export const findPartnerBookingFigures: PartnerBookingFiguresQuery = async (executor, partnerIds) => {
  if (partnerIds.length === 0) return []
  const rows = await executor
    .select({ partner_id: bookings.partner_id, bookings_count: count(), gmv: sql<string>`coalesce(sum(${bookings.amount}), 0)::bigint` })
    .from(bookings)
    .where(and(inArray(bookings.partner_id, [...partnerIds]), isNotNull(bookings.confirmed_at)))
    .groupBy(bookings.partner_id)
  return rows.flatMap((r) => (r.partner_id === null ? [] : [{ partner_id: r.partner_id, bookings_count: Number(r.bookings_count), gmv: Number(r.gmv) }]))
}
