// Reading invoices: a parent's own, and one invoice for its customer, the partner who issued it, or an admin.
import { count, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { invoices } from '../../db/schema/invoices.js'
import type { Actor } from '../../shared/auth.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import { findPartnerUserId } from '../partners/index.js'
import type { InvoiceRow } from './issue-invoice.js'
import { renderInvoicePdf, type RenderInvoiceOptions } from './invoice-pdf.js'
import { InvoiceNotFoundError } from './invoices.errors.js'
import type { InvoiceResponse } from './invoices.schemas.js'

export function toInvoiceView(row: InvoiceRow): InvoiceResponse {
  return { ...row, rate_percent: Number(row.rate_percent), issued_at: row.issued_at.toISOString() }
}

/** 'YYYY-MM-DD' of an instant in India time. */
const indiaDate = (at: Date): string => new Date(at.getTime() + 330 * 60_000).toISOString().slice(0, 10)

export function createInvoicesService(deps: { db: Db; pdf?: RenderInvoiceOptions }) {
  const { db } = deps

  /** The invoice if this actor may see it; anyone else gets the same 404 as for a missing one. */
  async function getVisibleInvoice(actor: Actor, id: string): Promise<InvoiceRow> {
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, id))
    if (!invoice) throw new InvoiceNotFoundError()
    // the partner is looked up only when the actor is neither an admin nor the buyer
    const allowed =
      actor.role === 'admin' || invoice.user_id === actor.id || (invoice.partner_id !== null && (await findPartnerUserId(db, invoice.partner_id)) === actor.id)
    if (!allowed) throw new InvoiceNotFoundError()
    return invoice
  }

  return {
    async listMyInvoices(userId: string, query: PageQuery): Promise<PageOf<InvoiceResponse>> {
      const { limit, offset } = pageOffset(query)
      const [rows, [total]] = await Promise.all([
        db.select().from(invoices).where(eq(invoices.user_id, userId)).orderBy(desc(invoices.issued_at), desc(invoices.sequence)).limit(limit).offset(offset),
        db.select({ n: count() }).from(invoices).where(eq(invoices.user_id, userId)),
      ])
      return { items: rows.map(toInvoiceView), total: total?.n ?? 0, page: query.page, page_size: query.page_size }
    },

    async getInvoice(actor: Actor, id: string): Promise<InvoiceResponse> {
      return toInvoiceView(await getVisibleInvoice(actor, id))
    },

    async renderInvoice(actor: Actor, id: string): Promise<{ invoice_number: string; pdf: Buffer }> {
      const row = await getVisibleInvoice(actor, id)
      const pdf = await renderInvoicePdf({
        invoice_number: row.invoice_number,
        invoice_date: indiaDate(row.issued_at),
        supplier: { name: row.supplier_name, gstin: row.supplier_gstin, state: row.supplier_state },
        customer: { name: row.customer_name },
        place_of_supply: { state: row.place_of_supply_state },
        lines: [{ description: row.description, quantity: row.quantity, amount: row.total }],
        gst: { supply_type: row.supply_type, rate_percent: Number(row.rate_percent), taxable_value: row.taxable_value, cgst: row.cgst, sgst: row.sgst, igst: row.igst, total: row.total },
        notes: row.supplier_gstin ? null : 'The supplier is not registered under GST: no GST is charged.',
      }, deps.pdf)
      return { invoice_number: row.invoice_number, pdf }
    },
  }
}

export type InvoicesService = ReturnType<typeof createInvoicesService>
