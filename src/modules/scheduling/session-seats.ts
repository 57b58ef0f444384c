// The one place seats move: a conditional UPDATE makes the room check and the take a single step, under any concurrency;
// CHECK (seats_taken <= capacity) on sessions backs it. Bookings and waitlist offers both go through here.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow } from '../../db/query.js'

/** The conditional UPDATE that takes seats, returning the session's id when it did: for a caller that builds its next
 * rows on it in the same statement (a booking inserted `from` it exists only if the seats were taken). */
export function takeSeatsSql(sessionId: string, seats: number, now: Date): SQL {
  return sql`update sessions set seats_taken = seats_taken + ${seats}::int
    where id = ${sessionId}::uuid and status = 'scheduled' and starts_at > ${now.toISOString()}::timestamptz
      and seats_taken + ${seats}::int <= capacity
    returning id`
}

export function sessionSeats(executor: Executor) {
  return {
    /** Takes `seats` seats if the session is still scheduled, starts after `now` and has room; false otherwise. */
    async take(sessionId: string, seats: number, now: Date): Promise<boolean> {
      return (await queryRow<{ id: string }>(executor, takeSeatsSql(sessionId, seats, now))) !== undefined
    },

    async release(sessionId: string, seats: number): Promise<void> {
      await executor.execute(sql`update sessions set seats_taken = seats_taken - ${seats}::int where id = ${sessionId}::uuid`)
    },
  }
}
