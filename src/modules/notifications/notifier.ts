// The one door into notifications for other modules: `notify(tx, event)` inside the transaction of the event enqueues its
// dispatch job there, so the message exists exactly when the change that caused it commits.
import type { Executor } from '../../db/database.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { NotificationDataByKind, NotificationKind } from './notification-kinds.js'

export const DISPATCH_JOB = 'notifications.dispatch'

export interface NotificationEvent<K extends NotificationKind = NotificationKind> {
  user_id: string
  kind: K
  /** Names the event once, e.g. `booking-confirmed:<booking id>`: one message per event key, channel and user, ever. */
  event_key: string
  data: NotificationDataByKind[K]
}

/** Any kind's event, discriminated by `kind`. */
export type AnyNotificationEvent = { [K in NotificationKind]: NotificationEvent<K> }[NotificationKind]

export type Notify = (tx: Executor, event: AnyNotificationEvent) => Promise<void>

export function createNotifier(jobs: JobQueue): Notify {
  return async (tx, event) => {
    await jobs.send(DISPATCH_JOB, event, { tx, singletonKey: `${event.event_key}:${event.user_id}` })
  }
}
