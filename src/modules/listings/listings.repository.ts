// SQL of listings as partners and admins see them (every status), and of the rows around them.
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { categories, listings, media } from '../../db/schema/listings.js'
import { findPartnerNames } from '../partners/index.js'

export type ListingRow = typeof listings.$inferSelect
export type NewListingRow = typeof listings.$inferInsert
export type ListingChanges = Partial<Omit<NewListingRow, 'id' | 'partner_id' | 'created_at'>>
export type MediaRow = typeof media.$inferSelect
export type CategoryRow = typeof categories.$inferSelect

export interface ListingFilter {
  partnerId?: string | undefined
  status?: ListingRow['status'] | undefined
  type?: ListingRow['type'] | undefined
  categoryId?: string | undefined
  titleContains?: string | undefined
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// LIKE wildcards in the user's text are matched literally
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function whereOf(filter: ListingFilter): SQL | undefined {
  return and(
    filter.partnerId ? eq(listings.partner_id, filter.partnerId) : undefined,
    filter.status ? eq(listings.status, filter.status) : undefined,
    filter.type ? eq(listings.type, filter.type) : undefined,
    filter.categoryId ? eq(listings.category_id, filter.categoryId) : undefined,
    filter.titleContains ? ilike(listings.title, likePattern(filter.titleContains)) : undefined,
  )
}

export function listingsRepository(db: Executor) {
  return {
    async findById(id: string, lock?: 'update'): Promise<ListingRow | undefined> {
      const query = db.select().from(listings).where(eq(listings.id, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    /** A listing of this partner; another partner's is undefined, exactly like a missing one. */
    async findOwned(partnerId: string, id: string, lock?: 'update'): Promise<ListingRow | undefined> {
      const query = db.select().from(listings).where(and(eq(listings.id, id), eq(listings.partner_id, partnerId))).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async list(filter: ListingFilter, limit: number, offset: number): Promise<{ items: ListingRow[]; total: number }> {
      const where = whereOf(filter)
      const [counted] = await db.select({ total: count() }).from(listings).where(where)
      const items = await db.select().from(listings).where(where).orderBy(desc(listings.created_at), desc(listings.id)).limit(limit).offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },

    async insert(values: NewListingRow): Promise<ListingRow> {
      const [row] = await db.insert(listings).values(values).returning()
      return row!
    },

    async update(id: string, changes: ListingChanges): Promise<ListingRow> {
      const [row] = await db.update(listings).set(changes).where(eq(listings.id, id)).returning()
      return row!
    },

    /** An active category by id or slug. */
    async findCategory(idOrSlug: string): Promise<CategoryRow | undefined> {
      const match = UUID.test(idOrSlug) ? or(eq(categories.id, idOrSlug), eq(categories.slug, idOrSlug)) : eq(categories.slug, idOrSlug.toLowerCase())
      const [row] = await db.select().from(categories).where(and(match, eq(categories.active, true))).limit(1)
      return row
    },

    async findCategoryById(id: string): Promise<CategoryRow | undefined> {
      const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1)
      return row
    },

    async categoriesByIds(ids: readonly string[]): Promise<CategoryRow[]> {
      return ids.length ? db.select().from(categories).where(inArray(categories.id, [...ids])) : []
    },

    partnerNamesByIds: (ids: readonly string[]): Promise<{ id: string; business_name: string }[]> => findPartnerNames(db, ids),

    /** The images of these listings, each listing's in display order: one query for a whole page. */
    async imagesOfListings(listingIds: readonly string[]): Promise<MediaRow[]> {
      if (!listingIds.length) return []
      return db
        .select()
        .from(media)
        .where(and(inArray(media.listing_id, [...listingIds]), eq(media.kind, 'listing_image')))
        .orderBy(asc(media.listing_id), asc(media.position), asc(media.created_at))
    },
  }
}

export type ListingsRepository = ReturnType<typeof listingsRepository>
