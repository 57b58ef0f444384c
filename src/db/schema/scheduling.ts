// Owned by the scheduling module: what can be bought of a listing (plan options), recurring batches and the dated
// sessions that hold seats.
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { listings } from './listings.js'

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

export const batches = pgTable(
  'batches',
  {
    id: uuid().primaryKey().defaultRandom(),
    listing_id: uuid().notNull().references(() => listings.id, { onDelete: 'cascade' }),
    name: text().notNull().default(''),
    /** ISO weekdays, 1 = Monday … 7 = Sunday, in the venue's timezone. */
    weekdays: smallint().array().notNull(),
    start_time: time().notNull(),
    duration_minutes: integer().notNull(),
    start_date: date({ mode: 'string' }).notNull(),
    end_date: date({ mode: 'string' }),
    capacity: integer().notNull(),
    instructor_name: text(),
    active: boolean().notNull().default(true),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('batches_listing_idx').on(t.listing_id),
    check('batches_capacity_check', sql`${t.capacity} > 0 and ${t.duration_minutes} > 0`),
    check('batches_dates_check', sql`${t.end_date} is null or ${t.end_date} >= ${t.start_date}`),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    listing_id: uuid().notNull().references(() => listings.id, { onDelete: 'cascade' }),
    batch_id: uuid().references(() => batches.id, { onDelete: 'set null' }),
    starts_at: timestamp({ withTimezone: true }).notNull(),
    ends_at: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    seats_taken: integer().notNull().default(0),
    status: text({ enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sessions_listing_starts_idx').on(t.listing_id, t.starts_at),
    index('sessions_upcoming_idx').on(t.starts_at).where(sql`${t.status} = 'scheduled'`),
    // "starting soon" reads sessions in (starts_at, id) order; many share a start time (10:00 on Saturday)
    index('sessions_upcoming_order_idx').on(t.starts_at, t.id).where(sql`${t.status} = 'scheduled'`),
    // regeneration from a batch never makes the same slot twice
    uniqueIndex('sessions_batch_slot_key').on(t.batch_id, t.starts_at),
    // the database, not the code, guarantees a session is never oversold
    check('sessions_seats_check', sql`${t.seats_taken} >= 0 and ${t.seats_taken} <= ${t.capacity}`),
    check('sessions_time_check', sql`${t.ends_at} > ${t.starts_at}`),
    check('sessions_status_check', sql`${t.status} in ('scheduled','cancelled')`),
  ],
)
