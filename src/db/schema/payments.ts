// The payments module's tables: checkout's payment intents and refunds, Razorpay webhook deliveries (deduplicated by
// event id) and second payments on paid orders.
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

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

/**
 * One Razorpay checkout of a payable subject (a booking, a credit plan purchase): the order the parent pays, the payment
 * that paid it, and how much of that was captured and refunded. Owned by the payments module; a subject keeps its own state.
 */
export const paymentIntents = pgTable(
  'payment_intents',
  {
    id: uuid().primaryKey(),
    subject_type: text({ enum: ['booking', 'credit_purchase'] }).notNull(),
    subject_id: uuid().notNull(),
    /** The parent paying: verify answers 404 to anyone else. */
    user_id: uuid().notNull(),
    /** Paise. */
    amount: integer().notNull(),
    currency: text().notNull().default('INR'),
    razorpay_order_id: text().notNull(),
    /** The payment that paid the order (a second payment on it is an extra payment, refunded). */
    razorpay_payment_id: text(),
    status: text({ enum: ['created', 'failed', 'captured', 'refunded'] }).notNull().default('created'),
    captured_amount: integer().notNull().default(0),
    refunded_amount: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull(),
    updated_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_intents_subject_key').on(t.subject_type, t.subject_id),
    uniqueIndex('payment_intents_order_key').on(t.razorpay_order_id),
    uniqueIndex('payment_intents_payment_key').on(t.razorpay_payment_id).where(sql`${t.razorpay_payment_id} is not null`),
    index('payment_intents_user_idx').on(t.user_id),
    check('payment_intents_subject_check', sql`${t.subject_type} in ('booking','credit_purchase')`),
    check('payment_intents_status_check', sql`${t.status} in ('created','failed','captured','refunded')`),
    check('payment_intents_amount_check', sql`${t.amount} > 0`),
    check('payment_intents_captured_check', sql`${t.captured_amount} between 0 and ${t.amount}`),
    check('payment_intents_refunded_check', sql`${t.refunded_amount} between 0 and ${t.captured_amount}`),
  ],
)

/** Every refund Razorpay made of an intent's payment, by refund id: the intent's refunded_amount is their processed sum. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    refund_id: text().primaryKey(),
    intent_id: uuid()
      .notNull()
      .references(() => paymentIntents.id),
    /** Paise. */
    amount: integer().notNull(),
    status: text({ enum: ['pending', 'processed', 'failed'] }).notNull(),
    created_at: timestamp({ withTimezone: true }).notNull(),
    updated_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('payment_refunds_intent_idx').on(t.intent_id),
    check('payment_refunds_status_check', sql`${t.status} in ('pending','processed','failed')`),
    check('payment_refunds_amount_check', sql`${t.amount} > 0`),
  ],
)
