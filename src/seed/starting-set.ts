// The real starting set every deployment needs (demo and production seeds both load it): the categories partners
// list under, the standard credit plans, the config defaults (settings module) and the badges (badges module; the migration
// inserts them too, this puts back any missing). Stable ids and ON CONFLICT DO NOTHING: a second run changes nothing.
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/database.js'
import { creditPlans } from '../db/schema/credits.js'
import { categories } from '../db/schema/listings.js'
import { stableId } from './stable-id.js'
import { seedSettingDefaults } from '../modules/settings/index.js'
import { seedBadgeDefinitions } from '../modules/badges/index.js'

export interface StartingCategory {
  slug: string
  name: string
  description: string
  icon: string
}

export const STARTING_CATEGORIES: readonly StartingCategory[] = [
  { slug: 'swimming', name: 'Swimming', description: 'Learn-to-swim and stroke correction with certified coaches', icon: 'waves' },
  { slug: 'dance', name: 'Dance', description: 'Bharatanatyam, Kathak, Bollywood, hip-hop and contemporary', icon: 'music-2' },
  { slug: 'music', name: 'Music', description: 'Keyboard, guitar, drums, Hindustani and Carnatic vocals', icon: 'music' },
  { slug: 'art-craft', name: 'Art & Craft', description: 'Drawing, painting, clay and paper craft', icon: 'palette' },
  { slug: 'coding-robotics', name: 'Coding & Robotics', description: 'Scratch, Python, app building and robotics kits', icon: 'cpu' },
  { slug: 'chess', name: 'Chess', description: 'FIDE-rated coaches, from first moves to tournament play', icon: 'crown' },
  { slug: 'martial-arts', name: 'Martial Arts', description: 'Karate, taekwondo, kalaripayattu and self-defence', icon: 'shield' },
  { slug: 'sports', name: 'Football & Sports', description: 'Football, cricket, skating, badminton and athletics', icon: 'trophy' },
  { slug: 'theatre-drama', name: 'Theatre & Drama', description: 'Acting, storytelling, public speaking and stagecraft', icon: 'drama' },
  { slug: 'science-stem', name: 'Science & STEM', description: 'Hands-on experiments, astronomy and maths puzzles', icon: 'flask-conical' },
  { slug: 'yoga', name: 'Yoga & Mindfulness', description: 'Kids yoga, breathing and focus', icon: 'flower' },
  { slug: 'languages', name: 'Languages', description: 'Spoken English, French, German, Spanish and phonics', icon: 'languages' },
]

export type StartingSetSummary = Record<'categories' | 'credit_plans' | 'config' | 'badges', number>

/** Inserts the starting categories, credit plans and config values that are missing; rows already there (by id, slug or key) stay as they are. */
export async function seedStartingSet(tx: Executor): Promise<StartingSetSummary> {
  return {
    categories: await insertAll(tx, categories, STARTING_CATEGORIES.map((c, i) => ({
      id: stableId(`category:${c.slug}`), slug: c.slug, name: c.name, description: c.description, icon: c.icon, sort_order: i,
    }))),
    credit_plans: await insertAll(tx, creditPlans, creditPlanRows()),
    config: await seedSettingDefaults(tx),
    badges: await seedBadgeDefinitions(tx),
  }
}

export function creditPlanRows(): Array<typeof creditPlans.$inferInsert> {
  return [
    { id: stableId('credit-plan:trial'), name: 'Trial', description: 'Try RRRAY: enough credits for a couple of trial classes', credits: 5, bonus_credits: 0, price: 19_900, validity_days: 14, is_trial: true, sort_order: 0 },
    { id: stableId('credit-plan:starter'), name: 'Starter', description: '10 credits for about ten sessions', credits: 10, bonus_credits: 0, price: 99_900, validity_days: 30, sort_order: 1 },
    { id: stableId('credit-plan:family'), name: 'Family', description: '25 credits plus 3 bonus, share across your children', credits: 25, bonus_credits: 3, price: 229_900, validity_days: 60, sort_order: 2 },
    { id: stableId('credit-plan:pro'), name: 'Pro', description: '60 credits plus 10 bonus for busy weeks', credits: 60, bonus_credits: 10, price: 499_900, validity_days: 90, sort_order: 3 },
  ]
}

/** Inserts rows, skipping any that conflict with one already there; answers how many were inserted. */
export async function insertAll<T extends PgTable>(tx: Executor, table: T, rows: Array<T['$inferInsert']>): Promise<number> {
  let inserted = 0
  for (let i = 0; i < rows.length; i += 500) {
    const result = await tx.insert(table).values(rows.slice(i, i + 500)).onConflictDoNothing().returning()
    inserted += result.length
  }
  return inserted
}
