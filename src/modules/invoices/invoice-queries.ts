// What other modules read of invoices; runs on the caller's executor (its transaction).
import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { invoices } from '../../db/schema/invoices.js'

/** The invoice issued for a credit plan purchase, if any. */
export async function findInvoiceIdOfPurchase(executor: Executor, purchaseId: string): Promise<string | null> {
  const [row] = await executor.select({ id: invoices.id }).from(invoices).where(eq(invoices.credit_purchase_id, purchaseId))
  return row?.id ?? null
}

/** The invoice issued for a booking, if any: its number, total and time of issue. */
export async function findInvoiceOfBooking(
  executor: Executor,
  bookingId: string,
): Promise<{ id: string; invoice_number: string; total: number; issued_at: Date } | undefined> {
  const [row] = await executor
    .select({ id: invoices.id, invoice_number: invoices.invoice_number, total: invoices.total, issued_at: invoices.issued_at })
    .from(invoices)
    .where(eq(invoices.booking_id, bookingId))
  return row
}
