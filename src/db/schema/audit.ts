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
    /** The address the admin's request came from (the client's, behind TRUST_PROXY); null for the system. */
    ip: text(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_logs_target_idx').on(t.target_type, t.target_id),
    index('audit_logs_created_idx').on(t.created_at),
    // the admin list's filters, newest first
    index('audit_logs_actor_idx').on(t.actor_id, t.created_at),
    index('audit_logs_action_idx').on(t.action, t.created_at),
  ],
)
