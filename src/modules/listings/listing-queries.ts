// What other modules read of listings; each runs on the caller's executor (its transaction).
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { listings } from '../../db/schema/listings.js'
import { activePartnerIds } from '../partners/index.js'

/** The facts a booking is checked against: status, ages, time zone and notice periods. */
export async function findListingBookingFacts(executor: Executor, id: string) {
  const [row] = await executor
    .select({
      id: listings.id, partner_id: listings.partner_id, title: listings.title, status: listings.status, age_min: listings.age_min,
      age_max: listings.age_max, timezone: listings.timezone, cancellation_notice_hours: listings.cancellation_notice_hours,
      reschedule_notice_hours: listings.reschedule_notice_hours,
    })
    .from(listings)
    .where(eq(listings.id, id))
  return row
}

export async function findListingTitles(executor: Executor, ids: readonly string[]): Promise<Array<{ id: string; title: string }>> {
  if (ids.length === 0) return []
  return executor.select({ id: listings.id, title: listings.title }).from(listings).where(inArray(listings.id, [...ids]))
}

/** The ids of a partner's listings as a subquery, so a caller filters by partner in its own single query. */
export function partnerListingIds(executor: Executor, partnerId: string) {
  return executor.select({ id: listings.id }).from(listings).where(eq(listings.partner_id, partnerId))
}

export type ListingFacts = Pick<typeof listings.$inferSelect, 'id' | 'partner_id' | 'timezone' | 'status'>
const listingFacts = { id: listings.id, partner_id: listings.partner_id, timezone: listings.timezone, status: listings.status }

/** One of this partner's listings (any status), optionally locked against deletion; another partner's is undefined. */
export async function findPartnerListing(executor: Executor, partnerId: string, listingId: string, lock?: 'no key update'): Promise<ListingFacts | undefined> {
  const query = executor.select(listingFacts).from(listings).where(and(eq(listings.id, listingId), eq(listings.partner_id, partnerId))).limit(1)
  const [row] = lock ? await query.for(lock) : await query
  return row
}

/** An approved listing of an active partner: what the public may see. */
export async function findPublicListing(executor: Executor, listingId: string): Promise<ListingFacts | undefined> {
  const [row] = await executor
    .select(listingFacts)
    .from(listings)
    .where(and(eq(listings.id, listingId), eq(listings.status, 'approved'), inArray(listings.partner_id, activePartnerIds(executor))))
    .limit(1)
  return row
}

/**
 * Listings' time zones as a subquery to join (`live` leaves out archived ones, `partnerId` keeps one partner's), so a
 * caller reads its rows with their listing's zone in one statement.
 */
export function listingZones(executor: Executor, filter: { partnerId?: string; live?: boolean }) {
  return executor
    .select({ id: listings.id, timezone: listings.timezone })
    .from(listings)
    .where(and(filter.partnerId ? eq(listings.partner_id, filter.partnerId) : undefined, filter.live ? ne(listings.status, 'archived') : undefined))
    .as('listing_zones')
}

/** The listing's rating over its visible reviews, computed and written by the reviews module in the review's transaction. */
export async function setListingRating(executor: Executor, listingId: string, rating: { avg: string; count: number }): Promise<void> {
  await executor.update(listings).set({ rating_avg: rating.avg, rating_count: rating.count }).where(eq(listings.id, listingId))
}
