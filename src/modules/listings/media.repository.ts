// SQL of uploaded images: a listing's gallery (mirrored into listings.images), venue photos and partner logos.
import { and, asc, count, eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { listings, media } from '../../db/schema/listings.js'
import { lockVenue, setPartnerLogo } from '../partners/index.js'
import type { MediaRow } from './listings.repository.js'

export type NewMediaRow = typeof media.$inferInsert
type Owner = { kind: 'listing_image'; listingId: string } | { kind: 'venue_photo'; venueId: string }

const ownedBy = (owner: Owner) =>
  owner.kind === 'listing_image'
    ? and(eq(media.kind, 'listing_image'), eq(media.listing_id, owner.listingId))
    : and(eq(media.kind, 'venue_photo'), eq(media.venue_id, owner.venueId))

export function mediaRepository(db: Executor) {
  return {
    async count(owner: Owner): Promise<number> {
      const [row] = await db.select({ n: count() }).from(media).where(ownedBy(owner))
      return Number(row?.n ?? 0)
    },

    async list(owner: Owner): Promise<MediaRow[]> {
      return db.select().from(media).where(ownedBy(owner)).orderBy(asc(media.position), asc(media.created_at), asc(media.id))
    },

    async find(owner: Owner, mediaId: string): Promise<MediaRow | undefined> {
      const [row] = await db.select().from(media).where(and(ownedBy(owner), eq(media.id, mediaId))).limit(1)
      return row
    },

    async insertMany(rows: NewMediaRow[]): Promise<void> {
      if (rows.length) await db.insert(media).values(rows)
    },

    async remove(mediaId: string): Promise<void> {
      await db.delete(media).where(eq(media.id, mediaId))
    },

    /** Positions 0..n-1 in the given order. */
    async setPositions(orderedIds: readonly string[]): Promise<void> {
      for (const [position, id] of orderedIds.entries()) await db.update(media).set({ position }).where(eq(media.id, id))
    },

    /** listings.images is what the catalog shows: the gallery's URLs in display order, kept in step here. */
    async mirrorListingImages(listingId: string, at: Date): Promise<MediaRow[]> {
      const rows = await this.list({ kind: 'listing_image', listingId })
      await db.update(listings).set({ images: rows.map((r) => r.url), updated_at: at }).where(eq(listings.id, listingId))
      return rows
    },

    /** Serialises concurrent photo uploads to one venue, so the count check and the insert are one step. */
    lockVenue: (venueId: string): Promise<void> => lockVenue(db, venueId),

    async findLogo(partnerId: string): Promise<MediaRow | undefined> {
      const [row] = await db.select().from(media).where(and(eq(media.kind, 'partner_logo'), eq(media.partner_id, partnerId))).limit(1).for('update')
      return row
    },

    // the one column of partners this module writes (the logo it stores), through the partners module
    setPartnerLogo: (partnerId: string, url: string, at: Date): Promise<void> => setPartnerLogo(db, partnerId, url, at),
  }
}
