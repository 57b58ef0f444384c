// Owned by the audit module: the admin audit trail.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

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
