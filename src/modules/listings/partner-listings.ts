// The listings side of partner and venue changes (PartnerListingsPort), run in the partners module's transaction.
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { categories, listings } from '../../db/schema/listings.js'
import { composeSearchText } from '../catalog/index.js'
import type { PartnerListingsPort } from '../partners/index.js'

export const partnerListings: PartnerListingsPort = {
  async renamePartner(tx, partnerId, businessName) {
    const rows = await tx
      .select({ id: listings.id, title: listings.title, description: listings.description, tags: listings.tags, category_name: categories.name })
      .from(listings)
      .innerJoin(categories, eq(categories.id, listings.category_id))
      .where(eq(listings.partner_id, partnerId))
    for (const l of rows) {
      const text = composeSearchText({ title: l.title, description: l.description, partnerName: businessName, categoryName: l.category_name, tags: l.tags })
      await tx.update(listings).set({ search_text: text }).where(eq(listings.id, l.id))
    }
  },

  async copyVenueLocation(tx, venue, at) {
    const updated = await tx
      .update(listings)
      .set({ city: venue.city, lat: venue.lat, lng: venue.lng, timezone: venue.timezone, updated_at: at })
      .where(eq(listings.venue_id, venue.id))
      .returning({ id: listings.id })
    return updated.length
  },

  async countVenueListings(tx, venueId) {
    const [row] = await tx.select({ n: count() }).from(listings).where(eq(listings.venue_id, venueId))
    return Number(row?.n ?? 0)
  },

  async countPartnerListings(executor, partnerIds) {
    if (partnerIds.length === 0) return []
    const rows = await executor
      .select({ partner_id: listings.partner_id, listings: count(), approved: sql<number>`count(*) filter (where ${listings.status} = 'approved')::int` })
      .from(listings)
      .where(and(inArray(listings.partner_id, [...partnerIds]), ne(listings.status, 'archived')))
      .groupBy(listings.partner_id)
    return rows.map((r) => ({ partner_id: r.partner_id, listings: Number(r.listings), approved: Number(r.approved) }))
  },
}

/** The ids of the listings held at a venue as a subquery, so a caller filters by venue in its own single query. */
export function venueListingIds(executor: Executor, venueId: string) {
  return executor.select({ id: listings.id }).from(listings).where(eq(listings.venue_id, venueId))
}
