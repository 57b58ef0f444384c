// Admin broadcasts: the request writes the broadcast, its audit row and its first batch job in one transaction; each batch
// job hands the next users of the segment (in id order, from the broadcast's cursor, under its row lock) to notify and
// enqueues the next batch in the same transaction, so a crash resumes where the last committed batch ended.
import type { Db } from '../../db/database.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { recordAudit } from '../audit/index.js'
import { countUsersInSegment, findSegmentUserIds } from '../auth/index.js'
import { BroadcastNotFoundError } from './notifications.errors.js'
import type { Channel } from './notification-kinds.js'
import type { Notify } from './notifier.js'
import { notificationsRepository, type BroadcastRow } from './notifications.repository.js'
import type { BroadcastResponse, CreateBroadcastBody } from './notifications.schemas.js'

export const BROADCAST_JOB = 'notifications.broadcast'

export interface BroadcastDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  notify: Notify
  batchSize: number
}

export function createBroadcastsService(deps: BroadcastDeps) {
  const { db, clock, ids, jobs } = deps
  return {
    async createBroadcast(adminId: string, body: CreateBroadcastBody): Promise<BroadcastResponse> {
      const now = clock.now()
      const segment = { ...(body.segment.role ? { role: body.segment.role } : {}), ...(body.segment.city ? { city: body.segment.city.trim() } : {}) }
      const row = await db.transaction(async (tx) => {
        const total = await countUsersInSegment(tx, segment)
        const saved = await notificationsRepository(tx).insertBroadcast({
          id: ids.next(), admin_id: adminId, segment, title: body.title.trim(), body: body.body.trim(), channels: body.channels, total, created_at: now,
          ...(total === 0 ? { status: 'completed' as const, completed_at: now } : {}),
        })
        await recordAudit(tx, {
          actor_id: adminId, action: 'notification.broadcast', target_type: 'notification_broadcast', target_id: saved.id,
          before: null, after: { segment, title: saved.title, body: saved.body, channels: saved.channels, total }, created_at: now,
        })
        if (total > 0) await jobs.send(BROADCAST_JOB, { broadcast_id: saved.id }, { tx, singletonKey: `${saved.id}:start` })
        return saved
      })
      return toView(row)
    },

    async getBroadcast(id: string): Promise<BroadcastResponse> {
      const row = await notificationsRepository(db).findBroadcast(id)
      if (!row) throw new BroadcastNotFoundError()
      return toView(row)
    },

    /** The batch job: the next batchSize users of the segment get the broadcast; the next batch is enqueued until done. */
    async sendBroadcastBatch(broadcastId: string): Promise<number> {
      return db.transaction(async (tx) => {
        const repo = notificationsRepository(tx)
        const broadcast = await repo.lockBroadcast(broadcastId)
        if (!broadcast || broadcast.status !== 'sending') return 0
        const segment = broadcast.segment as { role?: 'customer' | 'partner' | 'admin'; city?: string }
        const userIds = await findSegmentUserIds(tx, segment, broadcast.cursor, deps.batchSize)
        const data = { broadcast_id: broadcast.id, title: broadcast.title, body: broadcast.body, channels: broadcast.channels as Channel[] }
        for (const userId of userIds) await deps.notify(tx, { user_id: userId, kind: 'broadcast', event_key: `broadcast:${broadcast.id}`, data })
        const processed = broadcast.processed + userIds.length
        const done = userIds.length < deps.batchSize
        const cursor = userIds.at(-1) ?? broadcast.cursor
        // users who joined the segment since it was counted are included: the total grows to what was sent
        await repo.advanceBroadcast(broadcast.id, {
          processed, cursor, total: Math.max(broadcast.total, processed), ...(done ? { status: 'completed' as const, completed_at: clock.now() } : {}),
        })
        if (!done) await jobs.send(BROADCAST_JOB, { broadcast_id: broadcast.id }, { tx, singletonKey: `${broadcast.id}:${cursor}` })
        return userIds.length
      })
    },
  }
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>

function toView(row: BroadcastRow): BroadcastResponse {
  return {
    id: row.id,
    segment: row.segment as BroadcastResponse['segment'],
    title: row.title,
    body: row.body,
    channels: row.channels as BroadcastResponse['channels'],
    status: row.status,
    total: row.total,
    processed: row.processed,
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at ? row.completed_at.toISOString() : null,
  }
}
