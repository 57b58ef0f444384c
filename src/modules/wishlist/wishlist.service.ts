// A parent's wishlist: listings saved while public, shown later as cards even after they stop being public (unavailable).
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import { findListingCards, ListingNotFoundError } from '../catalog/index.js'
import { findPublicListing } from '../listings/index.js'
import { wishlistRepository } from './wishlist.repository.js'
import type { WishlistItemResponse, WishlistSavedResponse } from './wishlist.schemas.js'

export interface WishlistServiceDeps {
  db: Db
  clock: Clock
}

export function createWishlistService(deps: WishlistServiceDeps) {
  const { db, clock } = deps
  return {
    /** Idempotent; only a listing the public may see can be saved (404 otherwise). */
    async addToWishlist(userId: string, listingId: string): Promise<WishlistSavedResponse> {
      if (!(await findPublicListing(db, listingId))) throw new ListingNotFoundError()
      const row = await wishlistRepository(db).add(userId, listingId, clock.now())
      return { listing_id: row.listing_id, added_at: row.created_at.toISOString() }
    },

    /** Idempotent: removing a listing that is not saved changes nothing. */
    async removeFromWishlist(userId: string, listingId: string): Promise<void> {
      await wishlistRepository(db).remove(userId, listingId)
    },

    async listWishlist(userId: string, query: PageQuery): Promise<PageOf<WishlistItemResponse>> {
      const { limit, offset } = pageOffset(query)
      const { items, total } = await wishlistRepository(db).page(userId, limit, offset)
      const cards = new Map((await findListingCards(db, items.map((i) => i.listing_id), clock.now())).map((c) => [c.card.id, c]))
      const shown = items.flatMap((item) => {
        const kept = cards.get(item.listing_id)
        return kept ? [{ listing: kept.card, available: kept.available, seats_left: kept.seats_left, added_at: item.created_at.toISOString() }] : []
      })
      return { items: shown, total, page: query.page, page_size: query.page_size }
    },
  }
}

export type WishlistService = ReturnType<typeof createWishlistService>
