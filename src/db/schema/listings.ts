// Owned by the listings module: categories, the listings parents browse, and their uploaded images (media).
import { sql } from 'drizzle-orm'
import {
  boolean, check, doublePrecision, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core'
import { partners, venues } from './partners.js'

export const categories = pgTable('categories', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  description: text().notNull().default(''),
  icon: text(),
  sort_order: integer().notNull().default(0),
  active: boolean().notNull().default(true),
  created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const LISTING_TYPES = ['class', 'camp', 'workshop', 'event'] as const
export const LISTING_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'archived'] as const

export const listings = pgTable(
  'listings',
  {
    id: uuid().primaryKey().defaultRandom(),
    partner_id: uuid().notNull().references(() => partners.id),
    venue_id: uuid().references(() => venues.id),
    category_id: uuid().notNull().references(() => categories.id),
    title: text().notNull(),
    description: text().notNull().default(''),
    type: text({ enum: LISTING_TYPES }).notNull(),
    age_min: smallint().notNull(),
    age_max: smallint().notNull(),
    duration_minutes: integer().notNull().default(60),
    what_to_bring: text(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    images: text().array().notNull().default(sql`'{}'::text[]`),
    is_online: boolean().notNull().default(false),
    /** "From" price in paise shown on cards; what is charged comes from plan options. */
    price: integer().notNull().default(0),
    trial_available: boolean().notNull().default(false),
    trial_price: integer(),
    cancellation_notice_hours: integer(),
    reschedule_notice_hours: integer(),
    status: text({ enum: LISTING_STATUSES }).notNull().default('draft'),
    rejection_reason: text(),
    // copied from the venue so search is one indexed table; kept in step by the venue and listing services
    city: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    timezone: text().notNull().default('Asia/Kolkata'),
    // copied from partner and category names so fuzzy text search needs no join
    search_text: text().notNull().default(''),
    rating_avg: numeric({ precision: 3, scale: 2 }).notNull().default('0'),
    rating_count: integer().notNull().default(0),
    published_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('listings_partner_idx').on(t.partner_id, t.created_at),
    // the review queue (admin dashboard count, moderation list)
    index('listings_pending_review_idx').on(t.created_at).where(sql`${t.status} = 'pending_approval'`),
    index('listings_public_city_idx').on(sql`lower(${t.city})`, t.age_min, t.age_max).where(sql`${t.status} = 'approved'`),
    index('listings_public_category_idx').on(t.category_id, t.age_min, t.age_max).where(sql`${t.status} = 'approved'`),
    index('listings_public_type_idx').on(t.type).where(sql`${t.status} = 'approved'`),
    index('listings_public_price_idx').on(t.price).where(sql`${t.status} = 'approved'`),
    // catalog search by city + category + age, and home feeds walked in rating order (default sort)
    index('listings_public_city_category_idx').on(sql`lower(${t.city})`, t.category_id, t.age_min, t.age_max).where(sql`${t.status} = 'approved'`),
    index('listings_public_rating_idx').on(t.rating_avg.desc(), t.created_at.desc(), t.id).where(sql`${t.status} = 'approved'`),
    index('listings_public_city_rating_idx').on(sql`lower(${t.city})`, t.rating_avg.desc(), t.created_at.desc(), t.id).where(sql`${t.status} = 'approved'`),
    index('listings_search_text_trgm_idx').using('gin', sql`${t.search_text} gin_trgm_ops`),
    index('listings_earth_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`).where(sql`${t.lat} is not null and ${t.lng} is not null`),
    check('listings_type_check', sql`${t.type} in ('class','camp','workshop','event')`),
    check('listings_status_check', sql`${t.status} in ('draft','pending_approval','approved','rejected','archived')`),
    check('listings_age_check', sql`${t.age_min} >= 0 and ${t.age_max} <= 18 and ${t.age_min} <= ${t.age_max}`),
    check('listings_price_check', sql`${t.price} >= 0 and (${t.trial_price} is null or ${t.trial_price} >= 0)`),
    check('listings_rating_check', sql`${t.rating_count} >= 0`),
  ],
)

export const MEDIA_KINDS = ['listing_image', 'venue_photo', 'partner_logo'] as const
export const MEDIA_STORAGES = ['local', 'cloudinary'] as const

export const media = pgTable(
  'media',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The owner: every media row belongs to one partner, whatever it illustrates. */
    partner_id: uuid().notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text({ enum: MEDIA_KINDS }).notNull(),
    listing_id: uuid().references(() => listings.id, { onDelete: 'cascade' }),
    venue_id: uuid().references(() => venues.id, { onDelete: 'cascade' }),
    /** The public URL; listings.images holds a listing's URLs in `position` order. */
    url: text().notNull(),
    storage: text({ enum: MEDIA_STORAGES }).notNull(),
    /** Where the storage keeps it: a path under the uploads directory, or a Cloudinary public_id. */
    storage_key: text().notNull(),
    content_type: text().notNull(),
    bytes: integer().notNull(),
    position: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('media_listing_idx').on(t.listing_id, t.position).where(sql`${t.listing_id} is not null`),
    index('media_venue_idx').on(t.venue_id, t.position).where(sql`${t.venue_id} is not null`),
    uniqueIndex('media_partner_logo_key').on(t.partner_id).where(sql`${t.kind} = 'partner_logo'`),
    check('media_kind_check', sql`${t.kind} in ('listing_image','venue_photo','partner_logo')`),
    check('media_storage_check', sql`${t.storage} in ('local','cloudinary')`),
    check(
      'media_owner_check',
      sql`(${t.kind} = 'listing_image') = (${t.listing_id} is not null) and (${t.kind} = 'venue_photo') = (${t.venue_id} is not null)`,
    ),
    check('media_size_check', sql`${t.bytes} > 0 and ${t.position} >= 0`),
  ],
)
