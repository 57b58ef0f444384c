// The platform's own GST invoice for a credit plan purchase, issued inside the transaction that confirms it: the platform
// is the supplier, numbered in its series 'CR' (one- and two-character series are the platform's; partners have three).
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow } from '../../db/query.js'
import { invoices } from '../../db/schema/invoices.js'
import { computeGst } from './gst.js'
import { allocateInvoiceNumber } from './invoice-number.js'
import { readSetting } from '../settings/index.js'
import { parseGstRate, type InvoiceRow } from './issue-invoice.js'

export const CREDIT_INVOICE_SERIES = 'CR'

/** The platform as a supplier (PLATFORM_LEGAL_NAME, PLATFORM_GSTIN, PLATFORM_STATE). */
export type PlatformSupplier = Readonly<{ legalName: string; gstin: string | null; state: string }>

interface PurchaseFacts {
  id: string
  user_id: string
  status: string
  amount: number
  plan_name: string
  credits: number
  bonus_credits: number
  customer_name: string
}

async function findPurchaseFacts(tx: Executor, purchaseId: string): Promise<PurchaseFacts | undefined> {
  return queryRow<PurchaseFacts>(
    tx,
    sql`select cp.id, cp.user_id, cp.status, cp.amount, cp.plan_name, cp.credits, cp.bonus_credits,
               coalesce(nullif(u.name, ''), u.email, u.phone, 'Customer') as customer_name
        from credit_purchases cp join users u on u.id = cp.user_id
        where cp.id = ${purchaseId}::uuid`,
  )
}

/** 'Credit plan: Family (25 credits + 3 bonus)'. */
export function creditPlanInvoiceDescription(planName: string, credits: number, bonus: number): string {
  return `Credit plan: ${planName} (${credits} credits + ${bonus} bonus)`
}

/**
 * Issues the invoice of a paid credit plan purchase in the caller's transaction. Idempotent: one invoice per purchase.
 * Undefined for a free (price 0) or unpaid purchase. The place of supply is the platform's state (a B2C service with no
 * recorded customer address is supplied where the supplier is), so GST is CGST+SGST; without a GSTIN no tax is charged.
 */
export async function issueInvoiceForCreditPurchase(tx: Executor, purchaseId: string, now: Date, platform: PlatformSupplier): Promise<InvoiceRow | undefined> {
  const [existing] = await tx.select().from(invoices).where(eq(invoices.credit_purchase_id, purchaseId))
  if (existing) return existing
  const facts = await findPurchaseFacts(tx, purchaseId)
  if (!facts || facts.status !== 'paid' || facts.amount <= 0) return undefined

  const rate = parseGstRate(await readSetting(tx, 'gst'))
  const gst = computeGst({ amount_paise: facts.amount, rate_percent: rate, supplierState: platform.state, placeOfSupplyState: platform.state, exempt: !platform.gstin })
  const number = await allocateInvoiceNumber(tx, CREDIT_INVOICE_SERIES, now)
  const [row] = await tx
    .insert(invoices)
    .values({
      id: randomUUID(),
      ...number,
      booking_id: null,
      credit_purchase_id: facts.id,
      user_id: facts.user_id,
      partner_id: null,
      supplier_name: platform.legalName,
      supplier_gstin: platform.gstin,
      supplier_state: platform.state,
      customer_name: facts.customer_name,
      place_of_supply_state: platform.state,
      ...gst,
      description: creditPlanInvoiceDescription(facts.plan_name, facts.credits, facts.bonus_credits),
      quantity: 1,
      issued_at: now,
    })
    .returning()
  return row
}
