// SQL of credit plans: built on the database or on one use case's transaction.
import { asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { creditPlans } from '../../db/schema/credits.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'

export type CreditPlanRow = typeof creditPlans.$inferSelect
export type NewCreditPlanRow = typeof creditPlans.$inferInsert
export type CreditPlanChanges = Partial<Omit<NewCreditPlanRow, 'id' | 'created_at'>>

export function plansRepository(db: Executor) {
  return {
    /** Plans in catalogue order (sort_order, price, id); `active` undefined lists them all. */
    async list(query: PageQuery & { active?: boolean | undefined }): Promise<{ items: CreditPlanRow[]; total: number }> {
      const where: SQL | undefined = query.active === undefined ? undefined : eq(creditPlans.active, query.active)
      const { limit, offset } = pageOffset(query)
      const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(creditPlans).where(where)
      const items = await db
        .select()
        .from(creditPlans)
        .where(where)
        .orderBy(asc(creditPlans.sort_order), asc(creditPlans.price), asc(creditPlans.id))
        .limit(limit)
        .offset(offset)
      return { items, total: Number(counted?.total ?? 0) }
    },

    async findById(id: string, lock?: 'update'): Promise<CreditPlanRow | undefined> {
      const query = db.select().from(creditPlans).where(eq(creditPlans.id, id)).limit(1)
      const [row] = lock ? await query.for(lock) : await query
      return row
    },

    async insert(values: NewCreditPlanRow): Promise<CreditPlanRow> {
      const [row] = await db.insert(creditPlans).values(values).returning()
      return row!
    },

    async update(id: string, changes: CreditPlanChanges): Promise<CreditPlanRow> {
      const [row] = await db.update(creditPlans).set(changes).where(eq(creditPlans.id, id)).returning()
      return row!
    },
  }
}
