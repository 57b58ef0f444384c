// Uploaded images: a listing's gallery, a venue's photos and a partner's logo, wherever the storage keeps the bytes.
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { listings, partners, venues } from './catalog.js'

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
