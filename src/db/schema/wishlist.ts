// Owned by the wishlist module: each parent's saved listings.
import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core'
import { listings } from './listings.js'
import { users } from './users.js'

/** A parent's saved listings: one row per (user, listing), so saving twice changes nothing. */
export const wishlistItems = pgTable(
  'wishlist_items',
  {
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    listing_id: uuid().notNull().references(() => listings.id, { onDelete: 'cascade' }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.listing_id] }), index('wishlist_items_user_idx').on(t.user_id, t.created_at)],
)
