// Owned by no module: the idempotency keys of src/shared/idempotency.ts and the job outbox of src/jobs.
import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
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

/**
 * Jobs written by a change's own statement (a CTE) instead of a pg-boss insert of their own: src/jobs moves them to
 * pg-boss after the commit, in batches, deleting each row in the moving transaction.
 */
export const jobOutbox = pgTable('job_outbox', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  queue: text().notNull(),
  /** pg-boss's job id when the job has a singleton key (keyToJobId), so a second job of that key is dropped there. */
  job_id: uuid(),
  data: jsonb().notNull(),
  created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
