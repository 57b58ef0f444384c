// SQL of the config table: one JSON value per key, read on the caller's executor (its transaction where it has one).
import { eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { settings } from '../../db/schema/settings.js'

export type SettingRow = typeof settings.$inferSelect

export function settingsRepository(executor: Executor) {
  return {
    async find(key: string, lock?: 'update'): Promise<SettingRow | undefined> {
      const query = executor.select().from(settings).where(eq(settings.key, key)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    findMany: (keys: readonly string[]): Promise<SettingRow[]> => executor.select().from(settings).where(inArray(settings.key, [...keys])),

    async upsert(key: string, value: unknown, at: Date): Promise<SettingRow> {
      const [row] = await executor
        .insert(settings)
        .values({ key, value, updated_at: at })
        .onConflictDoUpdate({ target: settings.key, set: { value, updated_at: at } })
        .returning()
      return row!
    },

    /** Stores the values for keys that have none; a value already there (an admin's) stays. Answers how many were stored. */
    async insertMissing(values: Record<string, unknown>): Promise<number> {
      const rows = Object.entries(values).map(([key, value]) => ({ key, value }))
      if (rows.length === 0) return 0
      return (await executor.insert(settings).values(rows).onConflictDoNothing().returning()).length
    },
  }
}
