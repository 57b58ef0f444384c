// Reminders 24 h and 2 h before a session, by a cron job: every booked seat of a confirmed booking in a scheduled session
// starting within the window gets one notify per (window, booking, session). Running the job twice sends once: the event
// key names the reminder, so the dispatch job and every delivery of it exist once (notification_deliveries' unique key).
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import { HOUR_MS } from '../../shared/clock.js'
import type { Notify } from './notifier.js'

export const REMINDERS_JOB = 'notifications.reminders'

interface DueSeat {
  booking_id: string
  user_id: string
  listing_id: string
  session_id: string
  starts_at: Date | string
}

/** Seats of confirmed bookings in sessions starting in (now, now + 24 h] that have no reminder delivery yet. */
async function findDueSeats(db: Db, now: Date): Promise<DueSeat[]> {
  const until = new Date(now.getTime() + 24 * HOUR_MS)
  return queryRows<DueSeat>(
    db,
    sql`select b.id as booking_id, b.user_id, b.listing_id, s.id as session_id, s.starts_at
        from booking_sessions bs
        join bookings b on b.id = bs.booking_id
        join sessions s on s.id = bs.session_id
        where b.status = 'confirmed' and bs.status = 'booked' and s.status = 'scheduled'
          and s.starts_at > ${now.toISOString()} and s.starts_at <= ${until.toISOString()}
          and not exists (
            select 1 from notification_deliveries d
            where d.user_id = b.user_id and d.channel = 'in_app'
              and d.event_key = case when s.starts_at <= ${new Date(now.getTime() + 2 * HOUR_MS).toISOString()}
                                     then 'reminder-2h:' else 'reminder-24h:' end || b.id || ':' || s.id
          )
        order by s.starts_at
        limit 2000`,
  )
}

/** Sends what is due; returns how many reminders were handed to notify. */
export async function sendSessionReminders(deps: { db: Db; clock: Clock; notify: Notify }): Promise<number> {
  const now = deps.clock.now()
  const seats = await findDueSeats(deps.db, now)
  if (seats.length === 0) return 0
  await deps.db.transaction(async (tx) => {
    for (const seat of seats) {
      const startsAt = new Date(seat.starts_at)
      const data = { booking_id: seat.booking_id, listing_id: seat.listing_id, session_id: seat.session_id, starts_at: startsAt.toISOString() }
      // within 2 hours only the 2-hour reminder goes: a booking made late gets one reminder, not two at once
      if (startsAt.getTime() - now.getTime() <= 2 * HOUR_MS) {
        await deps.notify(tx, { user_id: seat.user_id, kind: 'session_reminder_2h', event_key: `reminder-2h:${seat.booking_id}:${seat.session_id}`, data })
      } else {
        await deps.notify(tx, { user_id: seat.user_id, kind: 'session_reminder_24h', event_key: `reminder-24h:${seat.booking_id}:${seat.session_id}`, data })
      }
    }
  })
  return seats.length
}
