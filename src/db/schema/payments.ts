// Payment provider records that do not depend on bookings: Razorpay webhook deliveries (deduplicated by event id)
// and the GST invoice number series (Rule 46(b): consecutive per series and financial year).
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

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
