// Owned by the partners module: the businesses that list activities and the venues they run them at.
import { sql } from 'drizzle-orm'
import { check, doublePrecision, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
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
    /** Why and when an admin suspended the partner (null while active). */
    suspended_reason: text(),
    suspended_at: timestamp({ withTimezone: true }),
    /** Internal notes of the admins; never in a partner's or the public's answer. */
    admin_notes: text(),
    /** Over the visible reviews of all its listings; written by the reviews module in the review's transaction. */
    rating_avg: numeric({ precision: 3, scale: 2 }).notNull().default('0'),
    rating_count: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partners_user_key').on(t.user_id),
    check('partners_status_check', sql`${t.status} in ('active','suspended')`),
    check('partners_commission_check', sql`${t.commission_percent} is null or ${t.commission_percent} between 0 and 100`),
    check('partners_rating_check', sql`${t.rating_count} >= 0`),
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
