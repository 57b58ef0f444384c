// Owned by the notifications module: in-app notifications, one delivery row per (event, channel, user), push tokens and
// their tickets, per-user preferences and admin broadcasts.
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users.js'

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'sms', 'push'] as const
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const
export const PUSH_PLATFORMS = ['ios', 'android', 'web'] as const
export const BROADCAST_STATUSES = ['sending', 'completed'] as const

/** What the in-app inbox shows; one per event and user. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    event_key: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    read_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_event_user_uq').on(t.event_key, t.user_id),
    index('notifications_user_idx').on(t.user_id, t.created_at),
    index('notifications_unread_idx').on(t.user_id).where(sql`${t.read_at} is null`),
  ],
)

/**
 * One message of one event on one channel to one user. `delivery_key` (event key, channel, user) is unique: the row is
 * created once, and a sender claims it (pending → sending) with one conditional UPDATE before calling the provider, so a
 * retried job or a second API process never sends it again.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    delivery_key: text().notNull(),
    event_key: text().notNull(),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    channel: text({ enum: NOTIFICATION_CHANNELS }).notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default('pending'),
    /** The rendered message: subject/title, text, optional html, and data for push. */
    message: jsonb().$type<{ title: string; text: string; html?: string; data?: Record<string, unknown>; sms_template?: string }>().notNull(),
    /** Not before this instant (quiet hours hold non-urgent push and SMS until 08:00 India time). */
    send_after: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    provider_ref: text(),
    error: text(),
    claimed_at: timestamp({ withTimezone: true }),
    sent_at: timestamp({ withTimezone: true }),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_key_uq').on(t.delivery_key),
    index('notification_deliveries_due_idx').on(t.send_after).where(sql`${t.status} = 'pending'`),
    index('notification_deliveries_user_idx').on(t.user_id, t.created_at),
    check('notification_deliveries_channel_check', sql`${t.channel} in ('in_app','email','sms','push')`),
    check('notification_deliveries_status_check', sql`${t.status} in ('pending','sending','sent','failed','skipped')`),
  ],
)

/** A device's Expo push token; a token belongs to the account last signed in on the device. */
export const pushTokens = pgTable(
  'push_tokens',
  {
    token: text().primaryKey(),
    user_id: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    platform: text({ enum: PUSH_PLATFORMS }).notNull(),
    created_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('push_tokens_user_idx').on(t.user_id), check('push_tokens_platform_check', sql`${t.platform} in ('ios','android','web')`)],
)

/** Expo's ticket for one message to one token; its receipt is fetched later by a job (tokens gone stale are removed). */
export const pushTickets = pgTable(
  'push_tickets',
  {
    id: text().primaryKey(),
    token: text().notNull(),
    delivery_id: uuid().references(() => notificationDeliveries.id, { onDelete: 'cascade' }),
    created_at: timestamp({ withTimezone: true }).notNull(),
    checked_at: timestamp({ withTimezone: true }),
    receipt_status: text(),
    receipt_error: text(),
  },
  (t) => [index('push_tickets_unchecked_idx').on(t.created_at).where(sql`${t.checked_at} is null`)],
)

/** Channels a user turned off, per kind (`{kind: ['sms', …]}`), and whether quiet hours hold their push and SMS. */
export const notificationPreferences = pgTable('notification_preferences', {
  user_id: uuid().primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  disabled: jsonb().$type<Record<string, string[]>>().notNull().default({}),
  quiet_hours: boolean().notNull().default(true),
  updated_at: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/** An admin's message to a segment of users, sent in batches by a job; `processed` of `total` shows its progress. */
export const notificationBroadcasts = pgTable(
  'notification_broadcasts',
  {
    id: uuid().primaryKey().defaultRandom(),
    admin_id: uuid().notNull().references(() => users.id),
    segment: jsonb().$type<{ role?: string; city?: string }>().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    channels: text().array().notNull(),
    status: text({ enum: BROADCAST_STATUSES }).notNull().default('sending'),
    total: integer().notNull(),
    processed: integer().notNull().default(0),
    /** The last user id handed to notify (users are walked in id order). */
    cursor: uuid(),
    created_at: timestamp({ withTimezone: true }).notNull(),
    completed_at: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('notification_broadcasts_status_check', sql`${t.status} in ('sending','completed')`),
    check('notification_broadcasts_progress_check', sql`${t.processed} >= 0 and ${t.processed} <= ${t.total}`),
  ],
)
