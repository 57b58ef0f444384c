// Cross-cutting records: system settings, the admin audit trail, credit plans, and bookings as far as the catalog needs them.
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { listings, planOptions } from './catalog.js'
import { sessions } from './scheduling.js'
import { users } from './users.js'

export const settings = pgTable('config', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid().primaryKey().defaultRandom(),
    actor_id: uuid().references(() => users.id),
    action: text().notNull(),
    target_type: text().notNull(),
    target_id: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_logs_target_idx').on(t.target_type, t.target_id), index('audit_logs_created_idx').on(t.created_at)],
)

export const creditPlans = pgTable(
  'credit_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    credits: integer().notNull(),
    bonus_credits: integer().notNull().default(0),
    price: integer().notNull(),
    validity_days: integer().notNull(),
    is_trial: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    sort_order: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('credit_plans_amounts_check', sql`${t.credits} > 0 and ${t.bonus_credits} >= 0 and ${t.price} >= 0 and ${t.validity_days} > 0`)],
)

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'completed', 'cancelled', 'expired'] as const

/** The booking issue extends this table; the catalog reads it only to rank what is trending. */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id),
    listing_id: uuid().notNull().references(() => listings.id),
    plan_option_id: uuid().references(() => planOptions.id),
    session_id: uuid().references(() => sessions.id),
    status: text({ enum: BOOKING_STATUSES }).notNull().default('pending_payment'),
    seats: integer().notNull().default(1),
    amount: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_user_idx').on(t.user_id, t.created_at),
    index('bookings_listing_recent_idx').on(t.created_at, t.listing_id).where(sql`${t.status} in ('confirmed','completed')`),
    check('bookings_status_check', sql`${t.status} in ('pending_payment','confirmed','completed','cancelled','expired')`),
    check('bookings_amounts_check', sql`${t.seats} > 0 and ${t.amount} >= 0`),
  ],
)
