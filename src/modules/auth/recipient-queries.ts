// What the notifications module reads of accounts: who a message goes to, in which language, and admin broadcast segments.
import { and, asc, count, eq, gt, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { users } from '../../db/schema/users.js'

export interface NotificationRecipient {
  id: string
  name: string
  email: string | null
  phone: string | null
  status: 'active' | 'suspended'
  /** `preferences.language` of the profile ('hi' for Hindi); null when unset. */
  language: string | null
}

export async function findNotificationRecipient(executor: Executor, userId: string): Promise<NotificationRecipient | undefined> {
  const [row] = await executor
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, status: users.status, language: sql<string | null>`${users.preferences}->>'language'` })
    .from(users)
    .where(eq(users.id, userId))
  return row
}

export interface UserSegment {
  role?: 'customer' | 'partner' | 'admin' | undefined
  /** Compared case-insensitively with the profile's city. */
  city?: string | undefined
}

function segmentWhere(segment: UserSegment): SQL | undefined {
  return and(
    eq(users.status, 'active'),
    segment.role ? eq(users.role, segment.role) : undefined,
    segment.city ? sql`lower(${users.city}) = lower(${segment.city})` : undefined,
  )
}

export async function countUsersInSegment(executor: Executor, segment: UserSegment): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(users).where(segmentWhere(segment))
  return row?.n ?? 0
}

/** The next `limit` active users of a segment after `afterId`, in id order (a broadcast walks them batch by batch). */
export async function findSegmentUserIds(executor: Executor, segment: UserSegment, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(segmentWhere(segment), afterId ? gt(users.id, afterId) : undefined))
    .orderBy(asc(users.id))
    .limit(limit)
  return rows.map((r) => r.id)
}
