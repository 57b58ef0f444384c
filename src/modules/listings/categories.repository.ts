// SQL of the admins' category management: built on the database or on one use case's transaction.
import { asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { categories } from '../../db/schema/listings.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import type { CategoryRow } from './listings.repository.js'

export type NewCategoryRow = typeof categories.$inferInsert
export type CategoryChanges = Partial<Omit<NewCategoryRow, 'id' | 'created_at'>>

export function categoriesRepository(db: Executor) {
  return {
    /** Categories in list order (sort_order, name, id); `active` undefined lists them all. */
    async list(query: PageQuery & { active?: boolean | undefined }): Promise<{ items: CategoryRow[]; total: number }> {
      const where: SQL | undefined = query.active === undefined ? undefined : eq(categories.active, query.active)
      const { limit, offset } = pageOffset(query)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(categories).where(where)
      const items = await db
        .select()
        .from(categories)
        .where(where)
        .orderBy(asc(categories.sort_order), asc(categories.name), asc(categories.id))
        .limit(limit)
        .offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },

    async findById(id: string, lock?: 'update'): Promise<CategoryRow | undefined> {
      const query = db.select().from(categories).where(eq(categories.id, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async findBySlug(slug: string): Promise<CategoryRow | undefined> {
      const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1)
      return row
    },

    async insert(values: NewCategoryRow): Promise<CategoryRow> {
      const [row] = await db.insert(categories).values(values).returning()
      return row!
    },

    async update(id: string, changes: CategoryChanges): Promise<CategoryRow> {
      const [row] = await db.update(categories).set(changes).where(eq(categories.id, id)).returning()
      return row!
    },
  }
}
