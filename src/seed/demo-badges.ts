// Demo badges: each demo parent's badges awarded from their demo bookings, attendance and reviews by the badges module's
// own rule (awardDueBadges), with the "new badge" inbox message the notification service would write for each.
// The award key and stable notification ids make a second run add nothing.
import type { Executor } from '../db/database.js'
import { notifications } from '../db/schema/notifications.js'
import { awardDueBadges } from '../modules/badges/index.js'
import { renderNotification, type Notify } from '../modules/notifications/index.js'
import { uuidGenerator } from '../shared/ids.js'
import { DEMO_CUSTOMERS } from './demo-partners.js'
import { insertAll } from './starting-set.js'
import { stableId } from './stable-id.js'

export async function seedDemoBadges(tx: Executor, now: Date): Promise<number> {
  const inbox: Array<typeof notifications.$inferInsert> = []
  // the seed runs no job queue: the message is written as the dispatcher writes the in-app one
  const writeInApp: Notify = async (_tx, event) => {
    if (event.kind !== 'badge_awarded') return
    const message = renderNotification('badge_awarded', event.data, {}, 'en')
    inbox.push({
      id: stableId(`notification:${event.event_key}:${event.user_id}`), user_id: event.user_id, kind: event.kind, event_key: event.event_key,
      title: message.title, body: message.text, data: { ...event.data }, created_at: now,
    })
  }
  let awarded = 0
  for (const customer of DEMO_CUSTOMERS) awarded += await awardDueBadges(tx, stableId(`customer:${customer.key}`), { now, ids: uuidGenerator, notify: writeInApp })
  await insertAll(tx, notifications, inbox)
  return awarded
}
