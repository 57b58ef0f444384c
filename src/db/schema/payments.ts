// Payment provider records that do not depend on bookings: Razorpay webhook deliveries (deduplicated by event id)
// and the GST invoice number series (Rule 46(b): consecutive per series and financial year).
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const paymentWebhookEvents = pgTable(
  'payment_webhook_events',
  {
    /** The x-razorpay-event-id header: a redelivery of the same event carries the same id. */
    event_id: text().primaryKey(),
    event_type: text().notNull(),
    payload: jsonb().notNull(),
    received_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processed_at: timestamp({ withTimezone: true }),
  },
  (t) => [index('payment_webhook_events_received_idx').on(t.received_at)],
)

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

/**
 * A Razorpay payment on an order that another payment had already paid (a parent paying twice): the booking or purchase
 * keeps the first; this one is refunded in full through Razorpay (the row is the refund's outbox and record).
 */
export const extraPayments = pgTable(
  'extra_payments',
  {
    payment_id: text().primaryKey(),
    order_id: text().notNull(),
    /** What the order paid for: a booking or a credit plan purchase. */
    subject_type: text({ enum: ['booking', 'credit_purchase'] }).notNull(),
    subject_id: uuid().notNull(),
    /** Paise. */
    amount: integer().notNull(),
    refund_status: text({ enum: ['pending', 'processed', 'failed'] }).notNull().default('pending'),
    refund_ref: text(),
    created_at: timestamp({ withTimezone: true }).notNull(),
    updated_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('extra_payments_pending_idx').on(t.updated_at).where(sql`${t.refund_status} = 'pending'`),
    check('extra_payments_subject_check', sql`${t.subject_type} in ('booking','credit_purchase')`),
    check('extra_payments_refund_status_check', sql`${t.refund_status} in ('pending','processed','failed')`),
    check('extra_payments_amount_check', sql`${t.amount} > 0`),
  ],
)
