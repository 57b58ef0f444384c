// Database access of the notifications module: the inbox, deliveries and their claims, push tokens and tickets,
// preferences and broadcasts.
import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows, readAll } from '../../db/query.js'
import {
  notificationBroadcasts, notificationDeliveries, notificationPreferences, notifications, pushTickets, pushTokens,
} from '../../db/schema/notifications.js'

export type NotificationRow = typeof notifications.$inferSelect
export type DeliveryRow = typeof notificationDeliveries.$inferSelect
export type NewDelivery = typeof notificationDeliveries.$inferInsert
export type PushTokenRow = typeof pushTokens.$inferSelect
export type PreferencesRow = typeof notificationPreferences.$inferSelect
export type BroadcastRow = typeof notificationBroadcasts.$inferSelect

export function notificationsRepository(executor: Executor) {
  return {
    /** The in-app row of an event; nothing when the event was already written for this user. */
    async insertNotification(row: typeof notifications.$inferInsert): Promise<boolean> {
      const inserted = await executor.insert(notifications).values(row).onConflictDoNothing().returning({ id: notifications.id })
      return inserted.length > 0
    },

    async listNotifications(userId: string, unreadOnly: boolean, limit: number, offset: number) {
      const where = and(eq(notifications.user_id, userId), unreadOnly ? isNull(notifications.read_at) : undefined)
      const [rows, [total], [unread]] = await readAll(
        executor,
        () => executor.select().from(notifications).where(where).orderBy(desc(notifications.created_at), desc(notifications.id)).limit(limit).offset(offset),
        () => executor.select({ n: count() }).from(notifications).where(where),
        () => executor.select({ n: count() }).from(notifications).where(and(eq(notifications.user_id, userId), isNull(notifications.read_at))),
      )
      return { rows, total: total?.n ?? 0, unread: unread?.n ?? 0 }
    },

    async findNotification(userId: string, id: string): Promise<NotificationRow | undefined> {
      const [row] = await executor.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.user_id, userId)))
      return row
    },

    async markRead(userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
      await executor.update(notifications).set({ read_at: at }).where(and(eq(notifications.id, id), eq(notifications.user_id, userId), isNull(notifications.read_at)))
      return this.findNotification(userId, id)
    },

    async markAllRead(userId: string, at: Date): Promise<number> {
      const rows = await executor.update(notifications).set({ read_at: at }).where(and(eq(notifications.user_id, userId), isNull(notifications.read_at))).returning({ id: notifications.id })
      return rows.length
    },

    /** Creates the delivery unless its key exists; returns the new row, or undefined for a key seen before. */
    async insertDelivery(row: NewDelivery): Promise<DeliveryRow | undefined> {
      const [inserted] = await executor.insert(notificationDeliveries).values(row).onConflictDoNothing().returning()
      return inserted
    },

    /** pending → sending, once: the one process whose UPDATE matches sends it; any other (or a retry after success) gets nothing. */
    async claimDelivery(id: string, now: Date): Promise<DeliveryRow | undefined> {
      const [row] = await executor
        .update(notificationDeliveries)
        .set({ status: 'sending', attempts: sql`${notificationDeliveries.attempts} + 1`, claimed_at: now })
        .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'pending'), lte(notificationDeliveries.send_after, now)))
        .returning()
      return row
    },

    async finishDelivery(id: string, change: Partial<Pick<DeliveryRow, 'status' | 'provider_ref' | 'error' | 'sent_at'>>): Promise<void> {
      await executor.update(notificationDeliveries).set(change).where(eq(notificationDeliveries.id, id))
    },

    /** Pending deliveries that are due (their job was lost, or waited on a clock the queue does not share). */
    async findDueDeliveries(now: Date, limit: number): Promise<Array<Pick<DeliveryRow, 'id' | 'attempts'>>> {
      return executor
        .select({ id: notificationDeliveries.id, attempts: notificationDeliveries.attempts })
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.status, 'pending'), lte(notificationDeliveries.send_after, now)))
        .orderBy(notificationDeliveries.send_after)
        .limit(limit)
    },

    async findDelivery(id: string): Promise<DeliveryRow | undefined> {
      const [row] = await executor.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id))
      return row
    },

    /** Registers a device's token for this user; a token signed in on another account moves to this one. */
    async upsertPushToken(row: { token: string; user_id: string; platform: PushTokenRow['platform']; now: Date }): Promise<PushTokenRow> {
      const [saved] = await executor
        .insert(pushTokens)
        .values({ token: row.token, user_id: row.user_id, platform: row.platform, created_at: row.now, updated_at: row.now })
        .onConflictDoUpdate({ target: pushTokens.token, set: { user_id: row.user_id, platform: row.platform, updated_at: row.now } })
        .returning()
      return saved!
    },

    async deletePushToken(userId: string, token: string): Promise<boolean> {
      const rows = await executor.delete(pushTokens).where(and(eq(pushTokens.token, token), eq(pushTokens.user_id, userId))).returning({ token: pushTokens.token })
      return rows.length > 0
    },

    /** Forgets tokens Expo says no longer reach a device. */
    async deletePushTokens(tokens: readonly string[]): Promise<void> {
      if (tokens.length > 0) await executor.delete(pushTokens).where(inArray(pushTokens.token, [...tokens]))
    },

    async pushTokensOf(userId: string): Promise<string[]> {
      const rows = await executor.select({ token: pushTokens.token }).from(pushTokens).where(eq(pushTokens.user_id, userId))
      return rows.map((r) => r.token)
    },

    async insertTickets(rows: Array<typeof pushTickets.$inferInsert>): Promise<void> {
      if (rows.length > 0) await executor.insert(pushTickets).values(rows).onConflictDoNothing()
    },

    async uncheckedTickets(createdBefore: Date, limit: number): Promise<Array<{ id: string; token: string }>> {
      return executor
        .select({ id: pushTickets.id, token: pushTickets.token })
        .from(pushTickets)
        .where(and(isNull(pushTickets.checked_at), lte(pushTickets.created_at, createdBefore)))
        .orderBy(pushTickets.created_at)
        .limit(limit)
    },

    async recordReceipt(id: string, at: Date, status: string, error: string | null): Promise<void> {
      await executor.update(pushTickets).set({ checked_at: at, receipt_status: status, receipt_error: error }).where(eq(pushTickets.id, id))
    },

    async findPreferences(userId: string): Promise<PreferencesRow | undefined> {
      const [row] = await executor.select().from(notificationPreferences).where(eq(notificationPreferences.user_id, userId))
      return row
    },

    async savePreferences(row: PreferencesRow): Promise<PreferencesRow> {
      const [saved] = await executor
        .insert(notificationPreferences)
        .values(row)
        .onConflictDoUpdate({ target: notificationPreferences.user_id, set: { disabled: row.disabled, quiet_hours: row.quiet_hours, updated_at: row.updated_at } })
        .returning()
      return saved!
    },

    async insertBroadcast(row: typeof notificationBroadcasts.$inferInsert): Promise<BroadcastRow> {
      const [saved] = await executor.insert(notificationBroadcasts).values(row).returning()
      return saved!
    },

    async findBroadcast(id: string): Promise<BroadcastRow | undefined> {
      const [row] = await executor.select().from(notificationBroadcasts).where(eq(notificationBroadcasts.id, id))
      return row
    },

    async lockBroadcast(id: string): Promise<BroadcastRow | undefined> {
      const rows = await queryRows<{ id: string }>(executor, sql`select id from notification_broadcasts where id = ${id} for update`)
      return rows.length > 0 ? this.findBroadcast(id) : undefined
    },

    async advanceBroadcast(id: string, change: Partial<Pick<BroadcastRow, 'processed' | 'cursor' | 'status' | 'completed_at' | 'total'>>): Promise<BroadcastRow> {
      const [row] = await executor.update(notificationBroadcasts).set(change).where(eq(notificationBroadcasts.id, id)).returning()
      return row!
    },
  }
}
