// Request and response shapes of the badges routes.
import Type, { type Static } from 'typebox'
import { BADGE_RULES, BADGE_SCOPES } from '../../db/schema/badges.js'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const badgeFields = {
  id: Uuid,
  code: Type.String({ description: 'Stable name of the badge, e.g. first_booking' }),
  name_en: Type.String(),
  name_hi: Type.String(),
  description_en: Type.String(),
  description_hi: Type.String(),
  icon: Type.String({ description: 'Icon name (lucide)' }),
  scope: Type.Enum([...BADGE_SCOPES], { description: 'parent: earned by the family; child: earned by each child on their own' }),
  rule: Type.Enum([...BADGE_RULES], { description: 'What is counted towards the threshold' }),
  threshold: Type.Integer({ minimum: 1 }),
}

const current = Type.Integer({ minimum: 0, description: 'The figure now, counted each time from the facts: bookings, attendance, reviews (may pass the threshold)' })

export const ChildBadgeProgress = Type.Object({
  child_id: Uuid,
  child_name: Type.String(),
  current,
  earned_at: Type.Union([IsoDateTime, Type.Null()]),
})

export const BadgeProgressResponse = Type.Object(
  {
    ...badgeFields,
    progress: Type.Union([Type.Object({ current, earned_at: Type.Union([IsoDateTime, Type.Null()]) }), Type.Null()], {
      description: 'The parent’s progress (parent badges; null for child badges)',
    }),
    children: Type.Array(ChildBadgeProgress, { description: 'Each child’s progress (child badges; empty for parent badges)' }),
  },
  {
    examples: [
      {
        id: '69018a8d-20c9-4a5b-b9be-8337004ccecd', code: 'sessions_5', name_en: '5 Sessions', name_hi: '5 सत्र', description_en: 'Attended 5 sessions',
        description_hi: '5 सत्रों में भाग लिया', icon: 'star', scope: 'child', rule: 'sessions_attended', threshold: 5, progress: null,
        children: [{ child_id: '2f1d0c9b-8a7e-4d6c-9b5a-4e3f2a1b0c9d', child_name: 'Aarav', current: 3, earned_at: null }],
      },
    ],
  },
)
export type BadgeProgressResponse = Static<typeof BadgeProgressResponse>

export const ListBadgesResponse = Type.Array(BadgeProgressResponse, { examples: [(BadgeProgressResponse as { examples?: unknown[] }).examples] })

export const EarnedBadgeResponse = Type.Object(
  {
    id: Uuid,
    badge: Type.Object(badgeFields),
    child_id: Type.Union([Uuid, Type.Null()]),
    child_name: Type.Union([Type.String(), Type.Null()], { description: 'The child who earned it; null for a parent badge' }),
    progress: Type.Integer({ minimum: 0, description: 'The figure when it was earned' }),
    earned_at: IsoDateTime,
  },
  {
    examples: [
      {
        id: '0c6a5d4e-3b2f-4a1c-9d8e-7f6a5b4c3d2e',
        badge: {
          id: '8b25f29c-7021-4a84-b725-b24daf384302', code: 'first_booking', name_en: 'First Booking', name_hi: 'पहली बुकिंग',
          description_en: 'Booked a first activity on RRRAY', description_hi: 'RRRAY पर पहली गतिविधि बुक की', icon: 'ticket', scope: 'parent',
          rule: 'bookings_confirmed', threshold: 1,
        },
        child_id: null, child_name: null, progress: 1, earned_at: '2026-12-01T10:00:00.000Z',
      },
    ],
  },
)
export type EarnedBadgeResponse = Static<typeof EarnedBadgeResponse>

export const MyBadgesQuery = PageQuery
export const MyBadgesPage = Page(EarnedBadgeResponse)
