// GST invoices: one per paid booking, issued by the partner (the supplier) in the transaction that confirms the booking,
// and one per credit plan purchase, issued by the platform in its own series.
import { sql } from 'drizzle-orm'
import { check, index, integer, numeric, pgSequence, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { bookings } from './bookings.js'
import { creditPurchases } from './credits.js'
import { partners } from './partners.js'
import { users } from './users.js'

/** The GST invoice number series (Rule 46(b): consecutive per series and financial year). */
export const invoiceSeries = pgTable(
  'invoice_series',
  {
    series: text().notNull(),
    /** '2026-27': April to March in Asia/Kolkata. */
    financial_year: text().notNull(),
    /** The last number handed out in this series and year (the first allocation stores 1). */
    next_number: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.financial_year] }), check('invoice_series_next_number_check', sql`${t.next_number} > 0`)],
)

export const SUPPLY_TYPES = ['intra_state', 'inter_state', 'exempt'] as const

/** Hands out partners' invoice series codes (base 36, three characters: 1 → '001'); gaps do not matter here. */
export const invoiceSupplierCodeSeq = pgSequence('invoice_supplier_code_seq', { startWith: 1, minValue: 1, maxValue: 46_655 })

/** Each partner's own invoice series (Rule 46(b): numbering is per supplier), given at their first invoice. */
export const partnerInvoiceSeries = pgTable('partner_invoice_series', {
  partner_id: uuid().primaryKey().references(() => partners.id),
  /** Exactly three letters or digits, unique: one- and two-character series are left for the platform's own documents. */
  series: text().notNull().unique(),
  created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const invoices = pgTable(
  'invoices',
  {
    id: uuid().primaryKey(),
    /** e.g. '00A/26-27/000042': series / financial year / consecutive number, at most 16 characters. */
    invoice_number: text().notNull().unique(),
    series: text().notNull(),
    financial_year: text().notNull(),
    sequence: integer().notNull(),
    /** What was sold: a booking (supplier: its partner) or a credit plan purchase (supplier: the platform). */
    booking_id: uuid().unique().references(() => bookings.id),
    credit_purchase_id: uuid().unique().references(() => creditPurchases.id),
    user_id: uuid().notNull().references(() => users.id),
    /** The supplying partner; null on the platform's own invoices. */
    partner_id: uuid().references(() => partners.id),
    supplier_name: text().notNull(),
    supplier_gstin: text(),
    supplier_state: text().notNull(),
    customer_name: text().notNull(),
    /** The venue's state; for an online listing the partner's. */
    place_of_supply_state: text().notNull(),
    supply_type: text({ enum: SUPPLY_TYPES }).notNull(),
    rate_percent: numeric({ precision: 5, scale: 2, mode: 'number' }).notNull(),
    description: text().notNull(),
    quantity: integer().notNull(),
    taxable_value: integer().notNull(),
    cgst: integer().notNull(),
    sgst: integer().notNull(),
    igst: integer().notNull(),
    total: integer().notNull(),
    issued_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('invoices_user_idx').on(t.user_id, t.issued_at),
    // no index on partner_id: no query lists a partner's invoices, and one fewer index is written by every booking
    check('invoices_supply_type_check', sql`${t.supply_type} in ('intra_state','inter_state','exempt')`),
    check(
      'invoices_amounts_check',
      sql`${t.taxable_value} >= 0 and ${t.cgst} >= 0 and ${t.sgst} >= 0 and ${t.igst} >= 0 and ${t.taxable_value} + ${t.cgst} + ${t.sgst} + ${t.igst} = ${t.total}`,
    ),
    check('invoices_subject_check', sql`(${t.booking_id} is null) <> (${t.credit_purchase_id} is null) and (${t.booking_id} is null or ${t.partner_id} is not null)`),
    check('invoices_number_check', sql`length(${t.invoice_number}) <= 16 and ${t.sequence} > 0 and ${t.quantity} > 0`),
  ],
)
