// What other modules read of invoices; runs on the caller's executor (its transaction).
import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { invoices } from '../../db/schema/invoices.js'

/** The invoice issued for a credit plan purchase, if any. */
export async function findInvoiceIdOfPurchase(executor: Executor, purchaseId: string): Promise<string | null> {
  const [row] = await executor.select({ id: invoices.id }).from(invoices).where(eq(invoices.credit_purchase_id, purchaseId))
  return row?.id ?? null
}
