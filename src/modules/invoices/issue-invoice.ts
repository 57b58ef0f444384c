// Issuing the GST invoice of a paid booking, inside the transaction that confirms it: the partner is the supplier,
// numbered in the partner's own series (Rule 46(b) is per supplier), so a rollback gives the number back.
import { randomUUID } from 'node:crypto'
import { eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow } from '../../db/query.js'
import { invoices, partnerInvoiceSeries } from '../../db/schema/invoices.js'
import { DEFAULT_GST_RATE_PERCENT, readSetting } from '../settings/index.js'
import { computeGst } from './gst.js'
import { allocateInvoiceNumber, financialYearOf, formatInvoiceNumber } from './invoice-number.js'

export type InvoiceRow = typeof invoices.$inferSelect

// the GST setting's schema and default are the settings module's (PUT /api/admin/config/gst)
export { DEFAULT_GST_RATE_PERCENT }
const SERIES_LENGTH = 3

/** 1 → '001', 46655 → 'ZZZ': a partner's invoice series code. */
export function supplierSeriesCode(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 36 ** SERIES_LENGTH) throw new RangeError('no invoice series codes left')
  return n.toString(36).toUpperCase().padStart(SERIES_LENGTH, '0')
}

/** Config key `gst`: a number (18) or {rate_percent: 18}; anything else → 18. */
export function parseGstRate(value: unknown): number {
  const raw = typeof value === 'object' && value !== null ? (value as { rate_percent?: unknown }).rate_percent : value
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= 100 ? raw : DEFAULT_GST_RATE_PERCENT
}

/** Config key `gst_exempt_categories`: a list of category slugs. */
export function parseExemptCategories(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** The partner's series, given from a sequence at their first invoice; concurrent first invoices agree on one. */
export async function seriesOfPartner(tx: Executor, partnerId: string): Promise<string> {
  const find = async () => (await tx.select({ series: partnerInvoiceSeries.series }).from(partnerInvoiceSeries).where(eq(partnerInvoiceSeries.partner_id, partnerId)))[0]?.series
  const existing = await find()
  if (existing) return existing
  const next = await queryRow<{ n: string | number }>(tx, sql`select nextval('invoice_supplier_code_seq') as n`)
  await tx.insert(partnerInvoiceSeries).values({ partner_id: partnerId, series: supplierSeriesCode(Number(next!.n)) }).onConflictDoNothing({ target: partnerInvoiceSeries.partner_id })
  return (await find())!
}

/** What an invoice of a booking says, read with the booking (the booking's own facts and its supplier's). */
export interface BookingInvoiceFacts {
  id: string
  user_id: string
  amount: number
  seats: number
  partner_id: string
  business_name: string
  gstin: string | null
  partner_state: string | null
  venue_state: string | null
  is_online: boolean
  listing_title: string
  plan_name: string | null
  category_slug: string
  customer_name: string
}

interface BookingFacts extends BookingInvoiceFacts {
  status: string
  payment_method: string
}

async function findBookingFacts(tx: Executor, bookingId: string): Promise<BookingFacts | undefined> {
  return queryRow<BookingFacts>(
    tx,
    sql`select b.id, b.user_id, b.status, b.amount, b.seats, b.payment_method, p.id as partner_id, p.business_name, p.gstin,
               p.state as partner_state, v.state as venue_state, l.is_online, l.title as listing_title, po.name as plan_name,
               c.slug as category_slug, coalesce(nullif(u.name, ''), u.email, u.phone, 'Customer') as customer_name
        from bookings b
        join listings l on l.id = b.listing_id
        join partners p on p.id = l.partner_id
        join categories c on c.id = l.category_id
        join users u on u.id = b.user_id
        left join venues v on v.id = l.venue_id
        left join plan_options po on po.id = b.plan_option_id
        where b.id = ${bookingId}::uuid`,
  )
}

/**
 * Issues the invoice of a booking that has just been confirmed with money (mock or Razorpay), in the caller's transaction.
 * Idempotent: a booking's invoice is issued once. Returns undefined when there is nothing to invoice: a free booking, or
 * one paid with credits (the money came in when the credits were bought; that purchase is what gets invoiced — a hook
 * for the wallet module). A partner without a GSTIN cannot charge GST: the document carries no tax (supply_type exempt).
 */
export async function issueInvoiceForBooking(tx: Executor, bookingId: string, now: Date): Promise<InvoiceRow | undefined> {
  const [existing] = await tx.select().from(invoices).where(eq(invoices.booking_id, bookingId))
  if (existing) return existing
  const facts = await findBookingFacts(tx, bookingId)
  if (!facts || facts.amount <= 0 || facts.payment_method === 'credits') return undefined
  if (facts.status !== 'confirmed' && facts.status !== 'completed') return undefined

  // one query at a time: a transaction is one connection
  const rate = await readSetting(tx, 'gst')
  const exempt = await readSetting(tx, 'gst_exempt_categories')
  const series = await seriesOfPartner(tx, facts.partner_id)
  const number = await allocateInvoiceNumber(tx, series, now)
  const [row] = await tx.insert(invoices).values({ id: randomUUID(), ...number, ...invoiceOf(facts, rate, exempt), issued_at: now }).returning()
  return row
}

/** The invoice's parties, tax and line from the booking's facts and the `gst` and `gst_exempt_categories` settings. */
function invoiceOf(facts: BookingInvoiceFacts, rateSetting: unknown, exemptSetting: unknown) {
  const rate = parseGstRate(rateSetting)
  const exemptSlugs = parseExemptCategories(exemptSetting)
  const placeOfSupply = (facts.is_online ? facts.partner_state : facts.venue_state) ?? facts.partner_state ?? facts.venue_state ?? 'Unknown'
  const supplierState = facts.partner_state ?? placeOfSupply
  const exempt = !facts.gstin || exemptSlugs.includes(facts.category_slug)
  const gst = computeGst({ amount_paise: facts.amount, rate_percent: rate, supplierState, placeOfSupplyState: placeOfSupply, exempt })
  return {
    booking_id: facts.id,
    user_id: facts.user_id,
    partner_id: facts.partner_id,
    supplier_name: facts.business_name,
    supplier_gstin: facts.gstin,
    supplier_state: supplierState,
    customer_name: facts.customer_name,
    place_of_supply_state: placeOfSupply,
    ...gst,
    description: facts.plan_name ? `${facts.listing_title} — ${facts.plan_name}` : facts.listing_title,
    quantity: facts.seats,
  }
}

/**
 * The invoice of a booking confirmed with money in this very transaction (so it has none yet), as two CTEs for the
 * caller's statement: the series row's next number (INSERT … ON CONFLICT … DO UPDATE … RETURNING) and the invoice. Put
 * them in the transaction's last statement: the series row stays locked from there to the commit, and it is the one
 * step that serialises every booking of a partner. `onlyIf` (a condition on the caller's CTEs, say that its booking row
 * was written) gates both. `series` is the partner's (seriesOfPartner gives one at a first invoice).
 */
export function newBookingInvoiceSql(input: { facts: BookingInvoiceFacts; series: string; gst: unknown; gst_exempt_categories: unknown; onlyIf?: SQL }, now: Date): SQL {
  const series = input.series
  const financialYear = financialYearOf(now)
  formatInvoiceNumber(series, financialYear, 1) // refuses a malformed series or year before anything is written
  const v = invoiceOf(input.facts, input.gst, input.gst_exempt_categories)
  // the number is formatted in SQL as formatInvoiceNumber does; invoices_number_check refuses one past 16 characters
  return sql`invoice_number as (
      insert into invoice_series (series, financial_year, next_number) select ${series}, ${financialYear}, 1 ${input.onlyIf ? sql`where ${input.onlyIf}` : sql``}
      on conflict (series, financial_year) do update set next_number = invoice_series.next_number + 1
      returning next_number
    ), invoice as (
      insert into invoices (id, invoice_number, series, financial_year, sequence, booking_id, user_id, partner_id, supplier_name, supplier_gstin,
        supplier_state, customer_name, place_of_supply_state, supply_type, rate_percent, description, quantity, taxable_value, cgst, sgst, igst, total, issued_at)
      select ${randomUUID()}::uuid,
        ${`${series}/${financialYear.slice(2)}/`} || case when n.next_number < 1000000 then lpad(n.next_number::text, 6, '0') else n.next_number::text end,
        ${series}, ${financialYear}, n.next_number, ${v.booking_id}::uuid, ${v.user_id}::uuid, ${v.partner_id}::uuid, ${v.supplier_name}, ${v.supplier_gstin},
        ${v.supplier_state}, ${v.customer_name}, ${v.place_of_supply_state}, ${v.supply_type}, ${v.rate_percent}::numeric, ${v.description}, ${v.quantity}::int,
        ${v.taxable_value}::int, ${v.cgst}::int, ${v.sgst}::int, ${v.igst}::int, ${v.total}::int, ${now.toISOString()}::timestamptz
      from invoice_number n returning 1
    )`
}
