// The badges every deployment starts with. The migration inserts the same rows (fixed ids); seedBadgeDefinitions puts
// back any that are missing without touching one an admin changed.
import type { BADGE_RULES, BADGE_SCOPES } from '../../db/schema/badges.js'

export type BadgeRule = (typeof BADGE_RULES)[number]
export type BadgeScope = (typeof BADGE_SCOPES)[number]

export interface BadgeDefinition {
  id: string
  code: string
  name_en: string
  name_hi: string
  description_en: string
  description_hi: string
  icon: string
  scope: BadgeScope
  rule: BadgeRule
  threshold: number
  sort_order: number
}

/** A camp booked at least this many days before its first session counts for the early bird badge. */
export const EARLY_BIRD_DAYS = 30

/** Weeks are India's (Monday to Sunday in Asia/Kolkata), whatever the server's zone. */
export const STREAK_TIMEZONE = 'Asia/Kolkata'

/** Which rules count a child's achievements; the others count the parent's. */
export const SCOPE_OF_RULE: Readonly<Record<BadgeRule, BadgeScope>> = {
  bookings_confirmed: 'parent',
  reviews_written: 'parent',
  early_camp_bookings: 'parent',
  sessions_attended: 'child',
  categories_explored: 'child',
  weekly_streak: 'child',
}

const badge = (d: Omit<BadgeDefinition, 'scope' | 'sort_order'>, sortOrder: number): BadgeDefinition => ({ ...d, scope: SCOPE_OF_RULE[d.rule], sort_order: sortOrder })

const DEFINED: ReadonlyArray<Omit<BadgeDefinition, 'scope' | 'sort_order'>> = [
  {
    id: '8b25f29c-7021-4a84-b725-b24daf384302', code: 'first_booking', icon: 'ticket', rule: 'bookings_confirmed', threshold: 1,
    name_en: 'First Booking', name_hi: 'पहली बुकिंग',
    description_en: 'Booked a first activity on RRRAY', description_hi: 'RRRAY पर पहली गतिविधि बुक की',
  },
  {
    id: '69018a8d-20c9-4a5b-b9be-8337004ccecd', code: 'sessions_5', icon: 'star', rule: 'sessions_attended', threshold: 5,
    name_en: '5 Sessions', name_hi: '5 सत्र',
    description_en: 'Attended 5 sessions', description_hi: '5 सत्रों में भाग लिया',
  },
  {
    id: '3daba572-7ad8-467f-bbd4-25892efeb38a', code: 'sessions_10', icon: 'medal', rule: 'sessions_attended', threshold: 10,
    name_en: '10 Sessions', name_hi: '10 सत्र',
    description_en: 'Attended 10 sessions', description_hi: '10 सत्रों में भाग लिया',
  },
  {
    id: 'b40a120e-06ad-4063-9d53-3f87873a539d', code: 'sessions_25', icon: 'trophy', rule: 'sessions_attended', threshold: 25,
    name_en: '25 Sessions', name_hi: '25 सत्र',
    description_en: 'Attended 25 sessions', description_hi: '25 सत्रों में भाग लिया',
  },
  {
    id: '3cfdb5b8-3d87-4f91-b47b-856d1cbf2f6c', code: 'first_review', icon: 'message-square-heart', rule: 'reviews_written', threshold: 1,
    name_en: 'First Review', name_hi: 'पहली समीक्षा',
    description_en: 'Wrote a first review of an activity', description_hi: 'किसी गतिविधि की पहली समीक्षा लिखी',
  },
  {
    id: 'd8111e79-ab62-4ad8-ad2e-103462f350d6', code: 'category_explorer', icon: 'compass', rule: 'categories_explored', threshold: 3,
    name_en: 'Explorer', name_hi: 'खोजी',
    description_en: 'Attended activities in 3 different categories', description_hi: '3 अलग-अलग श्रेणियों की गतिविधियों में भाग लिया',
  },
  {
    id: 'b8f54186-94c5-41aa-b33e-3613cc9e1cb7', code: 'four_week_streak', icon: 'flame', rule: 'weekly_streak', threshold: 4,
    name_en: 'Four-Week Streak', name_hi: 'चार हफ़्ते लगातार',
    description_en: 'Attended a session in each of 4 weeks in a row', description_hi: 'लगातार 4 हफ़्तों तक हर हफ़्ते किसी सत्र में भाग लिया',
  },
  {
    id: 'c57b99d1-7093-4e56-9c35-b1ba9bd4536a', code: 'early_bird', icon: 'sunrise', rule: 'early_camp_bookings', threshold: 1,
    name_en: 'Early Bird', name_hi: 'अर्ली बर्ड',
    description_en: `Booked a camp ${EARLY_BIRD_DAYS} days or more before it starts`, description_hi: `कैंप शुरू होने से ${EARLY_BIRD_DAYS} या अधिक दिन पहले बुक किया`,
  },
]

export const STARTING_BADGES: readonly BadgeDefinition[] = DEFINED.map(badge)
