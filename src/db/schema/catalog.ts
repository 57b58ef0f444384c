// What parents browse: partners' venues, categories, listings and what can be bought of them.
import { sql } from 'drizzle-orm'
import {
  boolean, check, doublePrecision, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core'
import { users } from './users.js'

export const partners = pgTable(
  'partners',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id),
    business_name: text().notNull(),
    description: text().notNull().default(''),
    logo_url: text(),
    contact_email: text(),
    contact_phone: text(),
    city: text(),
    state: text(),
    address: text(),
    status: text({ enum: ['active', 'suspended'] }).notNull().default('active'),
    kyc_status: text({ enum: ['not_submitted', 'submitted', 'verified', 'rejected'] }).notNull().default('not_submitted'),
    kyc_rejection_reason: text(),
    pan: text(),
    gstin: text(),
    bank_account_encrypted: text(),
    bank_account_last4: text(),
    ifsc: text(),
    account_holder_name: text(),
    commission_percent: numeric({ precision: 5, scale: 2 }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partners_user_key').on(t.user_id),
    check('partners_status_check', sql`${t.status} in ('active','suspended')`),
    check('partners_kyc_status_check', sql`${t.kyc_status} in ('not_submitted','submitted','verified','rejected')`),
  ],
)

export const venues = pgTable(
  'venues',
  {
    id: uuid().primaryKey().defaultRandom(),
    partner_id: uuid().notNull().references(() => partners.id),
    name: text().notNull(),
    address: text().notNull().default(''),
    area: text(),
    city: text().notNull(),
    state: text(),
    pincode: text(),
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    timezone: text().notNull().default('Asia/Kolkata'),
    amenities: text().array().notNull().default(sql`'{}'::text[]`),
    capacity_notes: text(),
    // set instead of deleting when listings still point at the venue (their bookings keep their place)
    deleted_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('venues_partner_idx').on(t.partner_id),
    check('venues_lat_check', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
  ],
)

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

export const PLAN_KINDS = ['single', 'trial', 'pack', 'monthly'] as const

export const planOptions = pgTable(
  'plan_options',
  {
    id: uuid().primaryKey().defaultRandom(),
    listing_id: uuid().notNull().references(() => listings.id, { onDelete: 'cascade' }),
    kind: text({ enum: PLAN_KINDS }).notNull(),
    name: text().notNull(),
    price: integer().notNull(),
    credits_price: integer(),
    sessions_count: integer().notNull().default(1),
    validity_days: integer(),
    active: boolean().notNull().default(true),
    sort_order: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_options_listing_idx').on(t.listing_id, t.sort_order),
    check('plan_options_kind_check', sql`${t.kind} in ('single','trial','pack','monthly')`),
    check('plan_options_amounts_check', sql`${t.price} >= 0 and (${t.credits_price} is null or ${t.credits_price} >= 0) and ${t.sessions_count} >= 1`),
  ],
)
