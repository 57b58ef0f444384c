// The waitlist: families waiting for seats of a full session, and the time-limited offers of freed seats made to them.
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bookings } from './bookings.js'
import { sessions } from './scheduling.js'
import { users } from './users.js'

export const WAITLIST_ENTRY_STATUSES = ['waiting', 'offered', 'booked', 'left', 'declined', 'lapsed'] as const
export const WAITLIST_OFFER_STATUSES = ['active', 'accepted', 'declined', 'expired', 'withdrawn'] as const

/** One family's place in a session's line: `waiting` and `offered` are in line; the others are closed. */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    session_id: uuid().notNull().references(() => sessions.id),
    user_id: uuid().notNull().references(() => users.id),
    child_ids: uuid().array().notNull(),
    seats: integer().notNull(),
    status: text({ enum: WAITLIST_ENTRY_STATUSES }).notNull().default('waiting'),
    booking_id: uuid().references(() => bookings.id),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('waitlist_entries_one_per_user_uq').on(t.session_id, t.user_id).where(sql`${t.status} in ('waiting','offered')`),
    index('waitlist_entries_line_idx').on(t.session_id, t.created_at).where(sql`${t.status} = 'waiting'`),
    index('waitlist_entries_user_idx').on(t.user_id, t.created_at),
    check('waitlist_entries_status_check', sql`${t.status} in ('waiting','offered','booked','left','declined','lapsed')`),
    check('waitlist_entries_seats_check', sql`${t.seats} > 0`),
  ],
)

/** Seats held for one entry until `expires_at`; they are counted in sessions.seats_taken while the offer is active. */
export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    entry_id: uuid().notNull().references(() => waitlistEntries.id),
    session_id: uuid().notNull().references(() => sessions.id),
    seats: integer().notNull(),
    status: text({ enum: WAITLIST_OFFER_STATUSES }).notNull().default('active'),
    expires_at: timestamp({ withTimezone: true }).notNull(),
    closed_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('waitlist_offers_one_active_uq').on(t.entry_id).where(sql`${t.status} = 'active'`),
    index('waitlist_offers_session_idx').on(t.session_id),
    check('waitlist_offers_status_check', sql`${t.status} in ('active','accepted','declined','expired','withdrawn')`),
    check('waitlist_offers_seats_check', sql`${t.seats} > 0`),
  ],
)
