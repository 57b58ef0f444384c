// Owned by no module: the idempotency keys of src/shared/idempotency.ts.
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

/** The first answer to a money-moving request, replayed when the client retries with the same key. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    request_hash: text().notNull(),
    status: text({ enum: ['in_progress', 'completed'] }).notNull(),
    response_code: integer(),
    response_body: jsonb(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.user_id, t.key] }),
    index('idempotency_keys_created_idx').on(t.created_at),
    check('idempotency_keys_status_check', sql`${t.status} in ('in_progress','completed')`),
  ],
)
