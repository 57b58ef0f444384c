// Owned by the reviews module: parents' reviews of the bookings their children attended, with photos and the partner's
// one reply.
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bookings } from './bookings.js'
import { listings } from './listings.js'
import { partners } from './partners.js'
import { users } from './users.js'

export const REVIEW_TEXT_MAX = 2000

/** One review per booking (the unique index holds it under concurrency); hidden ones leave public reads and the ratings. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    booking_id: uuid().notNull().references(() => bookings.id),
    user_id: uuid().notNull().references(() => users.id),
    listing_id: uuid().notNull().references(() => listings.id),
    partner_id: uuid().notNull().references(() => partners.id),
    rating: smallint().notNull(),
    text: text().notNull().default(''),
    /** The partner's one reply; set once, never changed. */
    reply: text(),
    replied_at: timestamp({ withTimezone: true }),
    hidden_at: timestamp({ withTimezone: true }),
    hidden_reason: text(),
    hidden_by: uuid().references(() => users.id),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_booking_key').on(t.booking_id),
    index('reviews_listing_visible_idx').on(t.listing_id, t.created_at).where(sql`${t.hidden_at} is null`),
    index('reviews_partner_idx').on(t.partner_id, t.created_at),
    index('reviews_user_idx').on(t.user_id, t.created_at),
    check('reviews_rating_check', sql`${t.rating} between 1 and 5`),
    check('reviews_text_check', sql`char_length(${t.text}) <= 2000`),
    check('reviews_reply_check', sql`(${t.reply} is null) = (${t.replied_at} is null) and (${t.reply} is null or char_length(${t.reply}) <= 2000)`),
    check('reviews_hidden_check', sql`(${t.hidden_at} is null) = (${t.hidden_reason} is null)`),
  ],
)

export const REVIEW_STORAGES = ['local', 'cloudinary'] as const

/** A review's photos, stored like listing images (the media storage), in `position` order. */
export const reviewPhotos = pgTable(
  'review_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    review_id: uuid().notNull().references(() => reviews.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    storage: text({ enum: REVIEW_STORAGES }).notNull(),
    storage_key: text().notNull(),
    content_type: text().notNull(),
    bytes: integer().notNull(),
    position: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('review_photos_review_idx').on(t.review_id, t.position),
    check('review_photos_storage_check', sql`${t.storage} in ('local','cloudinary')`),
    check('review_photos_size_check', sql`${t.bytes} > 0 and ${t.position} >= 0`),
  ],
)
