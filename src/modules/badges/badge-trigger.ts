// The one door into badges for other modules: an event that may earn a badge (a booking confirmed, attendance marked,
// a review written) enqueues the user's evaluation inside its own transaction, so the job exists exactly when the
// event commits. The job is idempotent, so the event key only spares duplicate work.
import type { Executor } from '../../db/database.js'
import type { JobQueue, OutboxJob } from '../../jobs/job-queue.js'

export const EVALUATE_BADGES_JOB = 'badges.evaluate'

export interface BadgeEvent {
  user_id: string
  /** Names the event once, e.g. `booking-confirmed:<booking id>`: one evaluation job per key. */
  event_key: string
}

export interface EvaluateBadgesPayload {
  user_id?: string
}

export type BadgeTrigger = (tx: Executor, event: BadgeEvent) => Promise<void>

/** The evaluation job of an event, for a caller that writes it in its own statement (JobQueue.outboxSql). */
export function badgeEvaluationJob(event: BadgeEvent): OutboxJob {
  const data: EvaluateBadgesPayload = { user_id: event.user_id }
  return { name: EVALUATE_BADGES_JOB, data, singletonKey: event.event_key }
}

export function createBadgeTrigger(jobs: JobQueue): BadgeTrigger {
  return async (tx, event) => {
    const job = badgeEvaluationJob(event)
    await jobs.send(job.name, job.data, { tx, singletonKey: job.singletonKey })
  }
}
