// Credits: plan purchases, the append-only ledger (credit_ledger and its per-lot lines, credit_transactions), the lots
// credits are spent from by expiry, and each wallet's balance. Triggers (migration 0012) make the ledger and its lines
// insert-only and keep wallets.balance equal to the sum of a user's entries; CHECKs keep every balance ≥ 0.
import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bookings } from './bookings.js'
import { users } from './users.js'

export const CREDIT_ENTRY_TYPES = ['grant', 'spend', 'refund', 'expire', 'adjust', 'rollover'] as const
export type CreditEntryType = (typeof CREDIT_ENTRY_TYPES)[number]
export const CREDIT_PURCHASE_STATUSES = ['pending_payment', 'paid', 'failed'] as const

export const creditPlans = pgTable(
  'credit_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    credits: integer().notNull(),
    bonus_credits: integer().notNull().default(0),
    price: integer().notNull(),
    validity_days: integer().notNull(),
    is_trial: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    sort_order: integer().notNull().default(0),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('credit_plans_amounts_check', sql`${t.credits} > 0 and ${t.bonus_credits} >= 0 and ${t.price} >= 0 and ${t.validity_days} > 0`)],
)

/** One purchase of a credit plan: what was paid and what it granted, copied from the plan at the time of purchase. */
export const creditPurchases = pgTable(
  'credit_purchases',
  {
    id: uuid().primaryKey(),
    user_id: uuid().notNull().references(() => users.id),
    plan_id: uuid().notNull().references(() => creditPlans.id),
    plan_name: text().notNull(),
    status: text({ enum: CREDIT_PURCHASE_STATUSES }).notNull(),
    /** Paise, the plan's price when bought. */
    amount: integer().notNull(),
    credits: integer().notNull(),
    bonus_credits: integer().notNull(),
    validity_days: integer().notNull(),
    is_trial: boolean().notNull(),
    payment_method: text({ enum: ['mock', 'razorpay', 'free'] }).notNull(),
    razorpay_order_id: text(),
    payment_ref: text(),
    paid_at: timestamp({ withTimezone: true }),
    /** When the credits granted by this purchase expire (set when paid). */
    expires_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull(),
    updated_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_purchases_user_idx').on(t.user_id, t.created_at),
    uniqueIndex('credit_purchases_order_key').on(t.razorpay_order_id).where(sql`${t.razorpay_order_id} is not null`),
    uniqueIndex('credit_purchases_payment_key').on(t.payment_ref).where(sql`${t.payment_ref} is not null`),
    // a trial plan is bought once per parent (a failed attempt does not count)
    uniqueIndex('credit_purchases_one_trial_key').on(t.user_id).where(sql`${t.is_trial} and ${t.status} <> 'failed'`),
    check('credit_purchases_payment_method_check', sql`${t.payment_method} in ('mock','razorpay','free')`),
    check('credit_purchases_status_check', sql`${t.status} in ('pending_payment','paid','failed')`),
    check('credit_purchases_amounts_check', sql`${t.amount} >= 0 and ${t.credits} > 0 and ${t.bonus_credits} >= 0 and ${t.validity_days} > 0`),
    check('credit_purchases_paid_check', sql`${t.status} <> 'paid' or (${t.paid_at} is not null and ${t.expires_at} is not null)`),
  ],
)

/** A wallet's balance: a projection of the ledger kept by its insert trigger, never negative. */
export const wallets = pgTable(
  'wallets',
  {
    user_id: uuid().primaryKey().references(() => users.id),
    balance: integer().notNull().default(0),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('wallets_balance_check', sql`${t.balance} >= 0`)],
)

/** One event on a wallet. Insert-only: a mistake is corrected by another entry, never by an edit. */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: uuid().primaryKey(),
    /** Insertion order: a wallet's entries are written under its row lock, so this orders them exactly (created_at may tie). */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    user_id: uuid().notNull().references(() => users.id),
    entry_type: text({ enum: CREDIT_ENTRY_TYPES }).notNull(),
    /** Credits in (+) or out (−); a rollover moves credits between lots and is 0. */
    delta: integer().notNull(),
    /** The wallet's balance after this entry, set by the insert trigger from the wallet row it updates. */
    balance_after: integer().notNull(),
    reason: text().notNull(),
    booking_id: uuid().references(() => bookings.id),
    purchase_id: uuid().references(() => creditPurchases.id),
    plan_id: uuid().references(() => creditPlans.id),
    /** For entries that add credits (grant, refund, positive adjust, rollover): when those credits expire. */
    expires_at: timestamp({ withTimezone: true }),
    /** The admin who made an adjustment. */
    actor_id: uuid().references(() => users.id),
    created_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_ledger_user_idx').on(t.user_id, t.seq),
    index('credit_ledger_booking_idx').on(t.booking_id).where(sql`${t.booking_id} is not null`),
    // a purchase grants its credits once, whatever retries or duplicate webhooks do
    uniqueIndex('credit_ledger_grant_key').on(t.purchase_id).where(sql`${t.entry_type} = 'grant'`),
    check('credit_ledger_type_check', sql`${t.entry_type} in ('grant','spend','refund','expire','adjust','rollover')`),
    check('credit_ledger_balance_check', sql`${t.balance_after} >= 0`),
    check(
      'credit_ledger_shape_check',
      sql`case ${t.entry_type}
            when 'grant' then ${t.delta} > 0 and ${t.purchase_id} is not null and ${t.expires_at} is not null
            when 'spend' then ${t.delta} < 0 and ${t.booking_id} is not null
            when 'refund' then ${t.delta} > 0 and ${t.booking_id} is not null and ${t.expires_at} is not null
            when 'expire' then ${t.delta} < 0
            when 'adjust' then ${t.delta} <> 0 and ${t.actor_id} is not null
            when 'rollover' then ${t.delta} = 0 and ${t.purchase_id} is not null and ${t.expires_at} is not null
          end`,
    ),
  ],
)

/** Credits that expire together: made by an entry that adds credits; `remaining` is what is left to spend. */
export const creditLots = pgTable(
  'credit_lots',
  {
    id: uuid().primaryKey(),
    user_id: uuid().notNull().references(() => users.id),
    /** The entry that created the lot. */
    entry_id: uuid().notNull().references(() => creditLedger.id),
    credits: integer().notNull(),
    remaining: integer().notNull(),
    expires_at: timestamp({ withTimezone: true }).notNull(),
    /** Credits of a paid (non-trial) plan: they may roll over into the next plan bought before they expire. */
    rolls_over: boolean().notNull().default(false),
    created_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_lots_spendable_idx').on(t.user_id, t.expires_at).where(sql`${t.remaining} > 0`),
    index('credit_lots_expiry_idx').on(t.expires_at).where(sql`${t.remaining} > 0`),
    check('credit_lots_remaining_check', sql`${t.credits} > 0 and ${t.remaining} >= 0 and ${t.remaining} <= ${t.credits}`),
  ],
)

/** How an entry moved each lot (insert-only): an entry's lines sum to its delta, a lot's lines to its remaining. */
export const creditTransactions = pgTable(
  'credit_transactions',
  {
    id: uuid().primaryKey(),
    entry_id: uuid().notNull().references(() => creditLedger.id),
    lot_id: uuid().notNull().references(() => creditLots.id),
    delta: integer().notNull(),
    created_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_transactions_entry_idx').on(t.entry_id),
    index('credit_transactions_lot_idx').on(t.lot_id),
    check('credit_transactions_delta_check', sql`${t.delta} <> 0`),
  ],
)
