// Demo inbox: every demo parent has a welcome message (read) and a "booking confirmed" for each of their two latest
// demo bookings (unread), written as the notification service writes them. Stable ids: a second run inserts nothing.
import { desc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../db/database.js'
import { bookings } from '../db/schema/bookings.js'
import { listings } from '../db/schema/listings.js'
import { notifications } from '../db/schema/notifications.js'
import { renderNotification } from '../modules/notifications/index.js'
import { DEMO_CUSTOMERS } from './demo-partners.js'
import { insertAll } from './starting-set.js'
import { stableId } from './stable-id.js'

const HOUR_MS = 3_600_000

export async function seedDemoNotifications(tx: Executor, now: Date): Promise<number> {
  const userIds = DEMO_CUSTOMERS.map((c) => stableId(`customer:${c.key}`))
  const booked = await tx
    .select({ id: bookings.id, user_id: bookings.user_id, listing_id: bookings.listing_id, amount: bookings.amount, title: listings.title, confirmed_at: bookings.confirmed_at })
    .from(bookings)
    .innerJoin(listings, eq(listings.id, bookings.listing_id))
    .where(inArray(bookings.user_id, userIds))
    .orderBy(desc(bookings.created_at))
  const rows: Array<typeof notifications.$inferInsert> = []
  for (const userId of userIds) {
    const welcome = renderNotification('broadcast', { broadcast_id: stableId('broadcast:welcome'), title: 'Welcome to RRRAY', body: 'Find classes, camps and workshops near you, and book in a tap.', channels: ['in_app'] }, {}, 'en')
    rows.push({
      id: stableId(`notification:welcome:${userId}`), user_id: userId, kind: 'broadcast', event_key: `demo-welcome:${userId}`,
      title: welcome.title, body: welcome.text, data: {}, read_at: new Date(now.getTime() - 24 * HOUR_MS), created_at: new Date(now.getTime() - 48 * HOUR_MS),
    })
    for (const b of booked.filter((x) => x.user_id === userId).slice(0, 2)) {
      const data = { booking_id: b.id, listing_id: b.listing_id, amount: b.amount }
      const confirmed = renderNotification('booking_confirmed', data, { listing_title: b.title }, 'en')
      rows.push({
        id: stableId(`notification:booking:${b.id}`), user_id: userId, kind: 'booking_confirmed', event_key: `booking-confirmed:${b.id}`,
        title: confirmed.title, body: confirmed.text, data, created_at: b.confirmed_at ?? now,
      })
    }
  }
  return insertAll(tx, notifications, rows)
}
