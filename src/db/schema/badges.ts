// Owned by the badges module: the badge definitions (seeded by the migration and the starting set) and the awards.
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { children, users } from './users.js'

export const BADGE_SCOPES = ['parent', 'child'] as const
/** What a badge counts, from the facts (bookings, attendance, reviews), never from a stored counter. */
export const BADGE_RULES = ['bookings_confirmed', 'sessions_attended', 'reviews_written', 'categories_explored', 'weekly_streak', 'early_camp_bookings'] as const

/** A badge: what earns it (its rule reaching the threshold) and how the apps show it, in English and Hindi. */
export const badges = pgTable(
  'badges',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique('badges_code_key'),
    name_en: text().notNull(),
    name_hi: text().notNull(),
    description_en: text().notNull(),
    description_hi: text().notNull(),
    icon: text().notNull(),
    scope: text({ enum: BADGE_SCOPES }).notNull(),
    rule: text({ enum: BADGE_RULES }).notNull(),
    threshold: integer().notNull(),
    sort_order: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('badges_scope_check', sql`${t.scope} in ('parent','child')`),
    check(
      'badges_rule_check',
      sql`${t.rule} in ('bookings_confirmed','sessions_attended','reviews_written','categories_explored','weekly_streak','early_camp_bookings')`,
    ),
    check('badges_threshold_check', sql`${t.threshold} > 0`),
  ],
)

/**
 * A badge earned by a parent (child_id null) or by one of their children. The key (badge, user, child) treats "no
 * child" as one value, so a replayed or concurrent evaluation inserts nothing the second time.
 */
export const badgeAwards = pgTable(
  'badge_awards',
  {
    id: uuid().primaryKey().defaultRandom(),
    badge_id: uuid().notNull().references(() => badges.id),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    child_id: uuid().references(() => children.id, { onDelete: 'cascade' }),
    /** The rule's figure when it was earned. */
    progress: integer().notNull(),
    earned_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('badge_awards_key').on(t.badge_id, t.user_id, t.child_id).nullsNotDistinct(),
    index('badge_awards_user_idx').on(t.user_id, t.earned_at),
  ],
)
