// The figures badges are earned by, read from the facts each time (bookings, attended seats, reviews), never from a
// stored counter that could drift: one statement for the parent's, one for the children's.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { EARLY_BIRD_DAYS, STREAK_TIMEZONE, type BadgeRule } from './badge-definitions.js'
import { longestWeeklyRun } from './weekly-streak.js'

export type ParentFigures = Record<'bookings_confirmed' | 'reviews_written' | 'early_camp_bookings', number>
export type ChildFigures = Record<'sessions_attended' | 'categories_explored' | 'weekly_streak', number>

export interface BadgeFacts {
  parent: ParentFigures
  /** Per child id; a child with nothing attended is absent (all zero). */
  children: Map<string, ChildFigures>
}

const NO_CHILD_FIGURES: ChildFigures = { sessions_attended: 0, categories_explored: 0, weekly_streak: 0 }

/** The figure a rule counts, for the parent (no child) or one child. */
export function figureOf(facts: BadgeFacts, rule: BadgeRule, childId: string | null): number {
  if (childId === null) return rule in facts.parent ? facts.parent[rule as keyof ParentFigures] : 0
  const child = facts.children.get(childId) ?? NO_CHILD_FIGURES
  return rule in child ? child[rule as keyof ChildFigures] : 0
}

export async function readBadgeFacts(executor: Executor, userId: string): Promise<BadgeFacts> {
  // a booking ever confirmed counts (a later cancellation does not undo that it was booked); hidden reviews do not
  const confirmed = sql`(b.confirmed_at is not null or b.status in ('confirmed', 'completed'))`
  const parent = await queryRow<ParentFigures>(
    executor,
    sql`select
          (select count(*)::int from bookings b where b.user_id = ${userId}::uuid and ${confirmed}) as bookings_confirmed,
          (select count(*)::int from reviews r where r.user_id = ${userId}::uuid and r.hidden_at is null) as reviews_written,
          (select count(*)::int
             from bookings b
             join listings l on l.id = b.listing_id
             join sessions s on s.id = b.session_id
            where b.user_id = ${userId}::uuid and ${confirmed} and l.type = 'camp'
              and s.starts_at >= b.created_at + make_interval(days => ${EARLY_BIRD_DAYS}::int)) as early_camp_bookings`,
  )
  // a seat marked present or late is attended by every child of its booking; weeks are Monday-based in India's zone
  const rows = await queryRows<{ child_id: string; sessions_attended: number; categories_explored: number; weeks: string[] }>(
    executor,
    sql`select c.child_id,
               count(*)::int as sessions_attended,
               count(distinct l.category_id)::int as categories_explored,
               array_agg(distinct to_char(date_trunc('week', s.starts_at at time zone ${STREAK_TIMEZONE}), 'YYYY-MM-DD')) as weeks
          from bookings b
          join booking_sessions bs on bs.booking_id = b.id and bs.status = 'attended'
          join sessions s on s.id = bs.session_id
          join listings l on l.id = b.listing_id
          cross join lateral unnest(b.child_ids) as c(child_id)
         where b.user_id = ${userId}::uuid
         group by c.child_id`,
  )
  return {
    parent: parent!,
    children: new Map(rows.map((r) => [r.child_id, { sessions_attended: r.sessions_attended, categories_explored: r.categories_explored, weekly_streak: longestWeeklyRun(r.weeks) }])),
  }
}
