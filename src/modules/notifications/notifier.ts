// The one door into notifications for other modules: `notify(tx, event)` inside the transaction of the event enqueues its
// dispatch job there, so the message exists exactly when the change that caused it commits.
import type { Executor } from '../../db/database.js'
import type { JobQueue, OutboxJob } from '../../jobs/job-queue.js'
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

/** The dispatch job of an event, for a caller that writes it in its own statement (JobQueue.outboxSql). */
export function notificationJob(event: AnyNotificationEvent): OutboxJob {
  return { name: DISPATCH_JOB, data: event, singletonKey: `${event.event_key}:${event.user_id}` }
}

export function createNotifier(jobs: JobQueue): Notify {
  return async (tx, event) => {
    const job = notificationJob(event)
    await jobs.send(job.name, job.data, { tx, singletonKey: job.singletonKey })
  }
}
