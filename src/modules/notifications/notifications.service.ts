// What a signed-in user does with notifications: the in-app inbox, per-kind channel preferences, and push tokens.
import type { Db } from '../../db/database.js'
import { isExpoPushToken } from '../../integrations/expo/index.js'
import type { Clock } from '../../shared/clock.js'
import { pageOffset } from '../../shared/schemas.js'
import { ChannelNotOfferedError, InvalidPushTokenError, NotificationNotFoundError, PushTokenNotFoundError, TransactionalNotificationError } from './notifications.errors.js'
import { CHANNELS, KIND_RULES, NOTIFICATION_KINDS, isNotificationKind, type Channel } from './notification-kinds.js'
import { notificationsRepository, type NotificationRow, type PreferencesRow, type PushTokenRow } from './notifications.repository.js'
import type { ListNotificationsQuery, NotificationResponse, PreferencesResponse, RegisterPushTokenBody, UpdatePreferencesBody } from './notifications.schemas.js'

export function createNotificationsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  function preferencesView(row: Pick<PreferencesRow, 'disabled' | 'quiet_hours'> | undefined): PreferencesResponse {
    return {
      quiet_hours: row?.quiet_hours ?? true,
      kinds: NOTIFICATION_KINDS.map((kind) => {
        const rule = KIND_RULES[kind]
        const off = row?.disabled[kind] ?? []
        const offered: readonly Channel[] = kind === 'broadcast' ? CHANNELS : rule.channels
        return { kind, transactional: rule.transactional, channels: Object.fromEntries(offered.map((c) => [c, rule.transactional || !off.includes(c)])) }
      }),
    }
  }

  return {
    async listNotifications(userId: string, query: ListNotificationsQuery) {
      const { limit, offset } = pageOffset(query)
      const { rows, total, unread } = await notificationsRepository(db).listNotifications(userId, query.unread === true, limit, offset)
      return { items: rows.map(toView), total, page: query.page, page_size: query.page_size, unread_count: unread }
    },

    async markRead(userId: string, id: string): Promise<NotificationResponse> {
      const row = await notificationsRepository(db).markRead(userId, id, clock.now())
      if (!row) throw new NotificationNotFoundError()
      return toView(row)
    },

    async markAllRead(userId: string): Promise<{ updated: number }> {
      return { updated: await notificationsRepository(db).markAllRead(userId, clock.now()) }
    },

    async getPreferences(userId: string): Promise<PreferencesResponse> {
      return preferencesView(await notificationsRepository(db).findPreferences(userId))
    },

    /** Turns channels on or off per kind; a transactional kind cannot lose a channel, and a kind only has its own channels. */
    async updatePreferences(userId: string, body: UpdatePreferencesBody): Promise<PreferencesResponse> {
      return db.transaction(async (tx) => {
        const repo = notificationsRepository(tx)
        const current = await repo.findPreferences(userId)
        const disabled: Record<string, string[]> = { ...(current?.disabled ?? {}) }
        for (const [kind, switches] of Object.entries(body.kinds ?? {})) {
          if (!isNotificationKind(kind) || !switches) continue
          const rule = KIND_RULES[kind]
          const offered: readonly Channel[] = kind === 'broadcast' ? CHANNELS : rule.channels
          const off = new Set(disabled[kind] ?? [])
          for (const [channel, on] of Object.entries(switches) as Array<[Channel, boolean | undefined]>) {
            if (on === undefined) continue
            if (!offered.includes(channel)) throw new ChannelNotOfferedError(kind, channel)
            if (rule.transactional && !on) throw new TransactionalNotificationError(kind)
            if (on) off.delete(channel)
            else off.add(channel)
          }
          if (off.size > 0) disabled[kind] = [...off].sort()
          else delete disabled[kind]
        }
        const saved = await repo.savePreferences({ user_id: userId, disabled, quiet_hours: body.quiet_hours ?? current?.quiet_hours ?? true, updated_at: clock.now() })
        return preferencesView(saved)
      })
    },

    async registerPushToken(userId: string, body: RegisterPushTokenBody) {
      if (!isExpoPushToken(body.token)) throw new InvalidPushTokenError()
      return pushTokenView(await notificationsRepository(db).upsertPushToken({ token: body.token, user_id: userId, platform: body.platform, now: clock.now() }))
    },

    async deletePushToken(userId: string, token: string): Promise<void> {
      if (!(await notificationsRepository(db).deletePushToken(userId, token))) throw new PushTokenNotFoundError()
    },
  }
}

export type NotificationsService = ReturnType<typeof createNotificationsService>

function toView(row: NotificationRow): NotificationResponse {
  return {
    id: row.id,
    kind: row.kind as NotificationResponse['kind'],
    title: row.title,
    body: row.body,
    data: row.data,
    read_at: row.read_at ? row.read_at.toISOString() : null,
    created_at: row.created_at.toISOString(),
  }
}

const pushTokenView = (row: PushTokenRow) => ({ token: row.token, platform: row.platform, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() })
