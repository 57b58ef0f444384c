// Whether a booking or a waitlist row still names a session, batch or plan option: only one nothing names is deleted,
// any other is cancelled or deactivated. The one place scheduling's SQL names other modules' tables (a documented
// exception in src/db/table-ownership.json): the check sits inside the one DELETE, and bookings and the waitlist import
// scheduling, so a port could not be imported here and would add a round trip per referrer.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow } from '../../db/query.js'
import type { sessions } from '../../db/schema/scheduling.js'

/** A session no booking row names (bookings, their seats, unable-to-attend records and waitlist entries point at sessions without cascade). */
export const unreferenced = (sessionId: SQL | typeof sessions.id): SQL => sql`not exists (select 1 from bookings b where b.session_id = ${sessionId})
  and not exists (select 1 from booking_sessions bs where bs.session_id = ${sessionId})
  and not exists (select 1 from unable_to_attend u where u.session_id = ${sessionId})
  and not exists (select 1 from waitlist_entries w where w.session_id = ${sessionId})`

export async function isPlanOptionBooked(executor: Executor, optionId: string): Promise<boolean> {
  const row = await queryRow<{ booked: boolean }>(executor, sql`select exists (select 1 from bookings where plan_option_id = ${optionId}::uuid) as booked`)
  return row?.booked === true
}

/** Whether anything still names the batch: a session of it or a booking. */
export async function isBatchReferenced(executor: Executor, batchId: string): Promise<boolean> {
  const row = await queryRow<{ referenced: boolean }>(
    executor,
    sql`select exists (select 1 from sessions where batch_id = ${batchId}::uuid) or exists (select 1 from bookings where batch_id = ${batchId}::uuid) as referenced`,
  )
  return row?.referenced === true
}
