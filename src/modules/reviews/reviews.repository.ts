// Database access of the reviews module: reviews, their photos, and the ratings recomputed from the visible ones.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { reviewPhotos, reviews } from '../../db/schema/reviews.js'
import type { ReviewSort } from './reviews.schemas.js'

export type ReviewRow = typeof reviews.$inferSelect
export type ReviewPhotoRow = typeof reviewPhotos.$inferSelect

export interface ReviewFilter {
  listingId?: string | undefined
  partnerId?: string | undefined
  userId?: string | undefined
  /** true: visible only (every public read); false: hidden only; undefined: both. */
  visible?: boolean | undefined
  unreplied?: boolean | undefined
  rating?: number | undefined
}

const ORDER: Record<ReviewSort, SQL[]> = {
  newest: [desc(reviews.created_at), desc(reviews.id)],
  highest: [desc(reviews.rating), desc(reviews.created_at), desc(reviews.id)],
  lowest: [asc(reviews.rating), desc(reviews.created_at), desc(reviews.id)],
}

function where(filter: ReviewFilter): SQL | undefined {
  return and(
    filter.listingId ? eq(reviews.listing_id, filter.listingId) : undefined,
    filter.partnerId ? eq(reviews.partner_id, filter.partnerId) : undefined,
    filter.userId ? eq(reviews.user_id, filter.userId) : undefined,
    filter.visible === true ? isNull(reviews.hidden_at) : filter.visible === false ? isNotNull(reviews.hidden_at) : undefined,
    filter.unreplied === true ? isNull(reviews.reply) : filter.unreplied === false ? isNotNull(reviews.reply) : undefined,
    filter.rating ? eq(reviews.rating, filter.rating) : undefined,
  )
}

export interface Rating {
  /** numeric(3,2) as text, e.g. '4.67'; '0' without reviews. */
  avg: string
  count: number
}

export function reviewsRepository(executor: Executor) {
  return {
    /** Undefined when the booking already has a review (the unique index decides, also under concurrency). */
    async insert(row: typeof reviews.$inferInsert): Promise<ReviewRow | undefined> {
      const [inserted] = await executor.insert(reviews).values(row).onConflictDoNothing({ target: reviews.booking_id }).returning()
      return inserted
    },

    async findById(id: string, lock?: 'update'): Promise<ReviewRow | undefined> {
      const query = executor.select().from(reviews).where(eq(reviews.id, id))
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async update(id: string, changes: Partial<typeof reviews.$inferInsert>): Promise<ReviewRow> {
      const [row] = await executor.update(reviews).set(changes).where(eq(reviews.id, id)).returning()
      return row!
    },

    /** The reply is written once: a conditional UPDATE, so of two concurrent replies one wins. */
    async setReply(id: string, partnerId: string, reply: string, at: Date): Promise<ReviewRow | undefined> {
      const [row] = await executor
        .update(reviews)
        .set({ reply, replied_at: at })
        .where(and(eq(reviews.id, id), eq(reviews.partner_id, partnerId), isNull(reviews.hidden_at), isNull(reviews.reply)))
        .returning()
      return row
    },

    async page(filter: ReviewFilter, sort: ReviewSort, limit: number, offset: number): Promise<{ items: ReviewRow[]; total: number }> {
      const condition = where(filter)
      const [items, [total]] = [
        await executor.select().from(reviews).where(condition).orderBy(...ORDER[sort]).limit(limit).offset(offset),
        await executor.select({ n: count() }).from(reviews).where(condition),
      ]
      return { items, total: total?.n ?? 0 }
    },

    /** Visible reviews per star rating. */
    async histogram(filter: { listingId?: string; partnerId?: string }): Promise<Record<1 | 2 | 3 | 4 | 5, number>> {
      const rows = await executor
        .select({ rating: reviews.rating, n: count() })
        .from(reviews)
        .where(where({ ...filter, visible: true }))
        .groupBy(reviews.rating)
      const histogram = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
      for (const row of rows) histogram[row.rating as 1 | 2 | 3 | 4 | 5] = row.n
      return histogram
    },

    /** The rating over the visible reviews, as listings and partners store it (numeric(3,2)). */
    async rating(filter: { listingId?: string; partnerId?: string }): Promise<Rating> {
      const [row] = await executor
        .select({ avg: sql<string>`coalesce(round(avg(${reviews.rating}), 2), 0)::text`, count: count() })
        .from(reviews)
        .where(where({ ...filter, visible: true }))
      return { avg: row?.avg ?? '0', count: row?.count ?? 0 }
    },

    async photosOf(reviewIds: readonly string[]): Promise<ReviewPhotoRow[]> {
      if (reviewIds.length === 0) return []
      return executor.select().from(reviewPhotos).where(inArray(reviewPhotos.review_id, [...reviewIds])).orderBy(asc(reviewPhotos.position), asc(reviewPhotos.created_at))
    },

    async insertPhotos(rows: Array<typeof reviewPhotos.$inferInsert>): Promise<void> {
      if (rows.length > 0) await executor.insert(reviewPhotos).values(rows)
    },

    async deletePhoto(reviewId: string, photoId: string): Promise<ReviewPhotoRow | undefined> {
      const [row] = await executor.delete(reviewPhotos).where(and(eq(reviewPhotos.id, photoId), eq(reviewPhotos.review_id, reviewId))).returning()
      return row
    },
  }
}
