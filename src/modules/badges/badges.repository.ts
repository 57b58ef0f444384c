// Database access of the badges module: definitions and awards.
import { asc, count, desc, eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { badgeAwards, badges } from '../../db/schema/badges.js'
import type { BadgeDefinition } from './badge-definitions.js'

export type BadgeRow = typeof badges.$inferSelect
export type BadgeAwardRow = typeof badgeAwards.$inferSelect

export function badgesRepository(executor: Executor) {
  return {
    activeBadges(): Promise<BadgeRow[]> {
      return executor.select().from(badges).where(eq(badges.active, true)).orderBy(asc(badges.sort_order), asc(badges.code))
    },

    awardsOf(userId: string): Promise<BadgeAwardRow[]> {
      return executor.select().from(badgeAwards).where(eq(badgeAwards.user_id, userId))
    },

    /** The award, or undefined when it was already there (the key holds it under concurrency: the second insert waits, then skips). */
    async insertAward(row: typeof badgeAwards.$inferInsert): Promise<BadgeAwardRow | undefined> {
      const [inserted] = await executor.insert(badgeAwards).values(row).onConflictDoNothing().returning()
      return inserted
    },

    async pageAwards(userId: string, limit: number, offset: number): Promise<{ items: Array<{ award: BadgeAwardRow; badge: BadgeRow }>; total: number }> {
      const mine = eq(badgeAwards.user_id, userId)
      const items = await executor
        .select({ award: badgeAwards, badge: badges })
        .from(badgeAwards)
        .innerJoin(badges, eq(badges.id, badgeAwards.badge_id))
        .where(mine)
        .orderBy(desc(badgeAwards.earned_at), desc(badgeAwards.id))
        .limit(limit)
        .offset(offset)
      const [total] = await executor.select({ n: count() }).from(badgeAwards).where(mine)
      return { items, total: total?.n ?? 0 }
    },

    /** Inserts the definitions whose code is not there yet; a badge an admin changed stays as it is. */
    async insertMissing(definitions: readonly BadgeDefinition[]): Promise<number> {
      if (definitions.length === 0) return 0
      return (await executor.insert(badges).values([...definitions]).onConflictDoNothing().returning({ id: badges.id })).length
    },
  }
}
