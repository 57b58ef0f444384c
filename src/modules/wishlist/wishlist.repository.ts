// Database access of the wishlist module.
import { and, count, desc, eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { wishlistItems } from '../../db/schema/wishlist.js'

export type WishlistItemRow = typeof wishlistItems.$inferSelect

export function wishlistRepository(executor: Executor) {
  return {
    /** Saves the listing; a second save keeps the first row (and its date). */
    async add(userId: string, listingId: string, at: Date): Promise<WishlistItemRow> {
      await executor.insert(wishlistItems).values({ user_id: userId, listing_id: listingId, created_at: at }).onConflictDoNothing()
      const [row] = await executor.select().from(wishlistItems).where(and(eq(wishlistItems.user_id, userId), eq(wishlistItems.listing_id, listingId)))
      return row!
    },

    async remove(userId: string, listingId: string): Promise<void> {
      await executor.delete(wishlistItems).where(and(eq(wishlistItems.user_id, userId), eq(wishlistItems.listing_id, listingId)))
    },

    async page(userId: string, limit: number, offset: number): Promise<{ items: WishlistItemRow[]; total: number }> {
      const [items, [total]] = [
        await executor.select().from(wishlistItems).where(eq(wishlistItems.user_id, userId)).orderBy(desc(wishlistItems.created_at), desc(wishlistItems.listing_id)).limit(limit).offset(offset),
        await executor.select({ n: count() }).from(wishlistItems).where(eq(wishlistItems.user_id, userId)),
      ]
      return { items, total: total?.n ?? 0 }
    },
  }
}
