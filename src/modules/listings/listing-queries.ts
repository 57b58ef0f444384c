// What other modules read of listings; each runs on the caller's executor (its transaction).
import { eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { listings } from '../../db/schema/listings.js'

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
