// Keeping batches' sessions in step: the rolling horizon (8 weeks ahead) and regeneration after a batch changes.
import type { Db, Executor } from '../../db/database.js'
import { DAY_MS, type Clock } from '../../shared/clock.js'
import { schedulingRepository, type BatchRow } from './scheduling.repository.js'
import { generateSessions } from './session-generator.js'

export const HORIZON_WEEKS = 8
export const EXTEND_HORIZONS_JOB = 'scheduling.extend-horizons'
export const HORIZON_MS = HORIZON_WEEKS * 7 * DAY_MS

const slotKey = (startsAt: Date, endsAt: Date) => `${startsAt.getTime()}/${endsAt.getTime()}`

/** Adds the batch's missing sessions in [now, now + 8 weeks); existing slots stay untouched. Returns how many were added. */
export async function extendBatchSessions(executor: Executor, batch: BatchRow, timezone: string, now: Date): Promise<number> {
  if (!batch.active) return 0
  const slots = generateSessions(batch, timezone, now, new Date(now.getTime() + HORIZON_MS))
  return schedulingRepository(executor).insertBatchSessions(batch, slots)
}

/**
 * After a batch changed (inside its transaction): its future sessions nobody booked that no longer fit the batch are
 * removed (deleted, or cancelled when a released booking still names them), a new capacity goes to every future
 * session (the caller checked it is not below any seats taken), and the missing slots are added. Booked sessions keep
 * their time; past sessions are never touched.
 */
export async function regenerateBatchSessions(
  tx: Executor,
  batch: BatchRow,
  timezone: string,
  now: Date,
  options: { capacityChanged: boolean },
): Promise<{ removed: number; added: number }> {
  const repo = schedulingRepository(tx)
  const future = await repo.lockFutureBatchSessions(batch.id, now)
  const wanted = new Set(
    batch.active ? generateSessions(batch, timezone, now, new Date(now.getTime() + HORIZON_MS)).map((s) => slotKey(s.starts_at, s.ends_at)) : [],
  )
  const stale = future.filter((s) => s.seats_taken === 0 && !wanted.has(slotKey(s.starts_at, s.ends_at)))
  const staleIds = new Set(stale.map((s) => s.id))
  const removed = await repo.removeSessions([...staleIds])
  // a session's own capacity (changed on it alone) stays unless the batch's capacity changed
  if (options.capacityChanged) {
    await repo.setCapacity(
      future.filter((s) => !staleIds.has(s.id) && s.capacity !== batch.capacity).map((s) => s.id),
      batch.capacity,
    )
  }
  const added = await extendBatchSessions(tx, batch, timezone, now)
  return { removed: removed.deleted + removed.cancelled, added }
}

/**
 * The daily job: every active batch of a listing that is not archived gets its sessions up to now + 8 weeks.
 * Idempotent: a second run adds nothing. Batches are read in pages; each insert is one statement. Returns sessions added.
 */
export async function extendSessionHorizons(db: Db, clock: Clock): Promise<number> {
  const now = clock.now()
  const repo = schedulingRepository(db)
  let added = 0
  let after: string | undefined
  for (;;) {
    const page = await repo.listBatchesToExtend(after, 200)
    for (const batch of page) added += await extendBatchSessions(db, batch, batch.timezone, now)
    if (page.length < 200) return added
    after = page[page.length - 1]!.id
  }
}
