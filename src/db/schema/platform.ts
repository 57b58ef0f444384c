// Cross-cutting records: system settings, the admin audit trail and credit plans (bookings live in bookings.ts).
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

export const settings = pgTable('config', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid().primaryKey().defaultRandom(),
    actor_id: uuid().references(() => users.id),
    action: text().notNull(),
    target_type: text().notNull(),
    target_id: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_logs_target_idx').on(t.target_type, t.target_id), index('audit_logs_created_idx').on(t.created_at)],
)

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
