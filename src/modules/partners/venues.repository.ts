// SQL of venues, and of the listing columns copied from them.
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { listings } from '../../db/schema/listings.js'
import { venues } from '../../db/schema/partners.js'
import { sessions } from '../../db/schema/scheduling.js'

export type VenueRow = typeof venues.$inferSelect
export type NewVenueRow = typeof venues.$inferInsert
export type VenueChanges = Partial<Omit<NewVenueRow, 'id' | 'partner_id' | 'created_at'>>

const owned = (partnerId: string, id: string) => and(eq(venues.id, id), eq(venues.partner_id, partnerId), isNull(venues.deleted_at))

export function venuesRepository(db: Executor) {
  return {
    /** A live venue of this partner; another partner's or a deleted one is undefined. */
    async findOwned(partnerId: string, id: string, lock?: 'update'): Promise<VenueRow | undefined> {
      const query = db.select().from(venues).where(owned(partnerId, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async listOwned(partnerId: string, limit: number, offset: number): Promise<{ items: VenueRow[]; total: number }> {
      const where = and(eq(venues.partner_id, partnerId), isNull(venues.deleted_at))
      const [counted] = await db.select({ total: count() }).from(venues).where(where)
      const items = await db.select().from(venues).where(where).orderBy(desc(venues.created_at), desc(venues.id)).limit(limit).offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },

    async insert(values: NewVenueRow): Promise<VenueRow> {
      const [row] = await db.insert(venues).values(values).returning()
      return row!
    },

    async update(id: string, changes: VenueChanges): Promise<VenueRow> {
      const [row] = await db.update(venues).set(changes).where(eq(venues.id, id)).returning()
      return row!
    },

    /** Listings carry their venue's city, coordinates and time zone so search reads one table. */
    async copyLocationToListings(venue: VenueRow, at: Date): Promise<number> {
      const updated = await db
        .update(listings)
        .set({ city: venue.city, lat: venue.lat, lng: venue.lng, timezone: venue.timezone, updated_at: at })
        .where(eq(listings.venue_id, venue.id))
        .returning({ id: listings.id })
      return updated.length
    },

    /** Scheduled sessions still to come at this venue: how many, and the first one's start. */
    async upcomingSessions(venueId: string, now: Date): Promise<{ count: number; next: Date | undefined }> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int`, next_epoch: sql<number | null>`extract(epoch from min(${sessions.starts_at}))::float8` })
        .from(sessions)
        .innerJoin(listings, eq(listings.id, sessions.listing_id))
        .where(and(eq(listings.venue_id, venueId), eq(sessions.status, 'scheduled'), gt(sessions.starts_at, now)))
      const nextEpoch = row?.next_epoch === null || row?.next_epoch === undefined ? undefined : Number(row.next_epoch)
      return { count: Number(row?.count ?? 0), next: nextEpoch === undefined ? undefined : new Date(nextEpoch * 1000) }
    },

    async countListings(venueId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(listings).where(eq(listings.venue_id, venueId))
      return Number(row?.n ?? 0)
    },

    async remove(id: string): Promise<void> {
      await db.delete(venues).where(eq(venues.id, id))
    },
  }
}
