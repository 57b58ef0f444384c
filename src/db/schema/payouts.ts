// Owned by the payouts module: partners' requests to be paid what they have earned, and how each was paid.
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partners } from './partners.js'
import { users } from './users.js'

/** requested → approved → (manual) paid, or (razorpayx) processing → paid | reversed | failed; requested → rejected. */
export const PAYOUT_STATUSES = ['requested', 'approved', 'processing', 'paid', 'rejected', 'failed', 'reversed'] as const
/** The statuses whose amount is taken from what the partner may still request. */
export const PAYOUT_HOLDING_STATUSES = ['requested', 'approved', 'processing', 'paid'] as const
export const PAYOUT_MODES = ['manual', 'razorpayx'] as const

export const payoutRequests = pgTable(
  'payout_requests',
  {
    id: uuid().primaryKey(),
    partner_id: uuid().notNull().references(() => partners.id),
    amount: integer().notNull(),
    status: text({ enum: PAYOUT_STATUSES }).notNull().default('requested'),
    /** How an approved request is paid: set at approval from PAYOUTS_MODE. */
    mode: text({ enum: PAYOUT_MODES }),
    rejection_reason: text(),
    /** The bank's reference for the transfer: typed by an admin (manual) or from RazorpayX. */
    utr: text(),
    failure_reason: text(),
    reviewed_by: uuid().references(() => users.id),
    reviewed_at: timestamp({ withTimezone: true }),
    razorpayx_fund_account_id: text(),
    razorpayx_payout_id: text(),
    paid_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull(),
    updated_at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('payout_requests_partner_idx').on(t.partner_id, t.created_at),
    index('payout_requests_status_idx').on(t.status, t.created_at),
    uniqueIndex('payout_requests_razorpayx_payout_key').on(t.razorpayx_payout_id),
    check('payout_requests_amount_check', sql`${t.amount} >= 100`),
    check('payout_requests_status_check', sql`${t.status} in ('requested','approved','processing','paid','rejected','failed','reversed')`),
    check('payout_requests_mode_check', sql`${t.mode} is null or ${t.mode} in ('manual','razorpayx')`),
    check('payout_requests_paid_check', sql`(${t.status} = 'paid') = (${t.paid_at} is not null)`),
    check('payout_requests_rejected_check', sql`${t.status} <> 'rejected' or ${t.rejection_reason} is not null`),
  ],
)
