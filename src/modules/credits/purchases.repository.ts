// Credit plan purchases: the rows of one purchase, locked where a payment may race another (verify against webhook).
import { and, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { creditPlans, creditPurchases } from '../../db/schema/credits.js'
import { findInvoiceIdOfPurchase } from '../invoices/index.js'

export type CreditPurchaseRow = typeof creditPurchases.$inferSelect
export type NewCreditPurchase = typeof creditPurchases.$inferInsert
export type CreditPlanRow = typeof creditPlans.$inferSelect

export function purchasesRepository(tx: Executor) {
  return {
    async findActivePlan(planId: string): Promise<CreditPlanRow | undefined> {
      const [row] = await tx.select().from(creditPlans).where(and(eq(creditPlans.id, planId), eq(creditPlans.active, true)))
      return row
    },

    /** A trial plan this parent bought or is paying for (a failed attempt does not count). */
    async hasTrialPurchase(userId: string): Promise<boolean> {
      const [row] = await tx
        .select({ id: creditPurchases.id })
        .from(creditPurchases)
        .where(and(eq(creditPurchases.user_id, userId), eq(creditPurchases.is_trial, true), sql`${creditPurchases.status} <> 'failed'`))
        .limit(1)
      return row !== undefined
    },

    async insertPurchase(values: NewCreditPurchase): Promise<CreditPurchaseRow> {
      const [row] = await tx.insert(creditPurchases).values(values).returning()
      return row!
    },

    async findPurchase(id: string): Promise<CreditPurchaseRow | undefined> {
      const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.id, id))
      return row
    },

    async lockPurchase(id: string): Promise<CreditPurchaseRow | undefined> {
      const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.id, id)).for('update')
      return row
    },

    async findPurchaseByOrderId(orderId: string): Promise<CreditPurchaseRow | undefined> {
      const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.razorpay_order_id, orderId))
      return row
    },

    async lockPurchaseByOrderId(orderId: string): Promise<CreditPurchaseRow | undefined> {
      const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.razorpay_order_id, orderId)).for('update')
      return row
    },

    async updatePurchase(id: string, values: Partial<NewCreditPurchase>): Promise<void> {
      await tx.update(creditPurchases).set(values).where(eq(creditPurchases.id, id))
    },

    invoiceIdOf: (purchaseId: string): Promise<string | null> => findInvoiceIdOfPurchase(tx, purchaseId),
  }
}

export type PurchasesRepository = ReturnType<typeof purchasesRepository>
