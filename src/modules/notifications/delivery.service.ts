// From an event to messages: the dispatch job renders the event for its user and creates one delivery per channel
// (the in-app one at once); each delivery job claims its row and calls the provider. Push receipts are checked later.
//
// Never twice: a delivery's key (event key, channel, user) is unique, so a replayed event creates nothing new, and a
// sender claims the row (pending → sending) with one conditional UPDATE before the provider call; a retried job or a
// second API process finds it claimed or sent. A provider failure puts it back to pending and the job is retried with
// pg-boss's backoff; a process dying between the claim and its answer leaves it `sending` (at most once, never twice).
import type { Db } from '../../db/database.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { EmailClient } from '../../integrations/notify/index.js'
import type { PushClient } from '../../integrations/expo/index.js'
import type { SmsSender } from '../../integrations/sms/index.js'
import type { Clock } from '../../shared/clock.js'
import { MINUTE_MS } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { findNotificationRecipient, findUserContacts } from '../auth/index.js'
import { findListingTitles } from '../listings/index.js'
import { KIND_RULES, type Channel, type NotificationDataByKind, type NotificationKind } from './notification-kinds.js'
import type { NotificationEvent } from './notifier.js'
import { notificationsRepository, type DeliveryRow } from './notifications.repository.js'
import { endOfQuietHours } from './quiet-hours.js'
import { languageOf, renderNotification } from './templates.js'

export const DELIVER_JOB = 'notifications.deliver'
export const SWEEP_DELIVERIES_JOB = 'notifications.sweep'
export const PUSH_RECEIPTS_JOB = 'notifications.push-receipts'

/** A delivery failing this many times is given up (failed) instead of retried. */
export const MAX_ATTEMPTS = 5
/** Expo advises waiting before asking for receipts; they are kept about a day. */
export const RECEIPT_DELAY_MS = 15 * MINUTE_MS

export interface DeliveryDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  email: EmailClient
  sms: SmsSender
  push: PushClient
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }
}

const deliveryKey = (eventKey: string, channel: Channel, userId: string) => `${eventKey}:${channel}:${userId}`

/** The channels a kind's event goes out on; a broadcast names its own. */
function channelsOf(event: NotificationEvent): readonly Channel[] {
  if (event.kind === 'broadcast') return (event.data as NotificationDataByKind['broadcast']).channels
  return KIND_RULES[event.kind].channels
}

export function createDeliveryService(deps: DeliveryDeps) {
  const { db, clock, ids, jobs } = deps

  async function listingTitleOf(data: object): Promise<string | undefined> {
    const listingId = (data as { listing_id?: unknown }).listing_id
    if (typeof listingId !== 'string') return undefined
    return (await findListingTitles(db, [listingId]))[0]?.title
  }

  /** Sends a claimed delivery through its provider; returns the provider's reference. Throws when the provider failed. */
  async function send(delivery: DeliveryRow): Promise<{ status: 'sent' | 'skipped' | 'failed'; ref: string | null; error?: string }> {
    const { message } = delivery
    if (delivery.channel === 'push') {
      const repo = notificationsRepository(db)
      const tokens = await repo.pushTokensOf(delivery.user_id)
      if (tokens.length === 0) return { status: 'skipped', ref: null, error: 'no push token' }
      const tickets = await deps.push.send(tokens.map((to) => ({ to, title: message.title, body: message.text, data: message.data ?? {}, priority: 'high' as const })))
      const now = clock.now()
      const accepted = tickets.flatMap((t, i) => (t.status === 'ok' ? [{ id: t.id, token: tokens[i]!, delivery_id: delivery.id, created_at: now }] : []))
      await repo.insertTickets(accepted)
      await repo.deletePushTokens(tickets.flatMap((t, i) => (t.status === 'error' && t.error === 'DeviceNotRegistered' ? [tokens[i]!] : [])))
      if (accepted.length === 0) return { status: 'failed', ref: null, error: tickets.map((t) => (t.status === 'error' ? (t.error ?? t.message) : '')).join('; ') }
      return { status: 'sent', ref: accepted.map((a) => a.id).join(',') }
    }
    const [contact] = await findUserContacts(db, [delivery.user_id])
    if (delivery.channel === 'email') {
      if (!contact?.email) return { status: 'skipped', ref: null, error: 'no email address' }
      const { messageId } = await deps.email.sendEmail({ to: contact.email, subject: message.title, text: message.text, ...(message.html ? { html: message.html } : {}) })
      return { status: 'sent', ref: messageId ?? null }
    }
    if (!contact?.phone) return { status: 'skipped', ref: null, error: 'no phone number' }
    const vars = { title: message.title, text: message.text }
    const { messageId } = await deps.sms.send({ to: contact.phone, text: message.text, template: delivery.kind, vars })
    return { status: 'sent', ref: messageId ?? null }
  }

  const service = {
    /** The dispatch job: renders the event in the user's language and creates its deliveries (the inbox row at once). */
    async dispatch(event: NotificationEvent): Promise<number> {
      const recipient = await findNotificationRecipient(db, event.user_id)
      if (!recipient || recipient.status !== 'active') return 0
      const repo = notificationsRepository(db)
      const preferences = await repo.findPreferences(event.user_id)
      const rule = KIND_RULES[event.kind]
      const language = languageOf({ language: recipient.language })
      const rendered = renderNotification(event.kind, event.data as NotificationDataByKind[NotificationKind], { listing_title: await listingTitleOf(event.data) }, language)
      const disabled = rule.transactional ? [] : (preferences?.disabled[event.kind] ?? [])
      const now = clock.now()
      const quietUntil = rule.urgent || preferences?.quiet_hours === false ? now : endOfQuietHours(now)
      const channels = channelsOf(event).filter((c) => !disabled.includes(c) && (c !== 'sms' || deps.sms.supports(event.kind)))
      let created = 0
      await db.transaction(async (tx) => {
        const txRepo = notificationsRepository(tx)
        for (const channel of channels) {
          const sendAfter = channel === 'push' || channel === 'sms' ? quietUntil : now
          const delivery = await txRepo.insertDelivery({
            id: ids.next(), delivery_key: deliveryKey(event.event_key, channel, event.user_id), event_key: event.event_key, user_id: event.user_id,
            kind: event.kind, channel, status: channel === 'in_app' ? 'sent' : 'pending', send_after: sendAfter, created_at: now,
            message: { title: rendered.title, text: rendered.text, html: rendered.html, data: { kind: event.kind, ...event.data } },
            ...(channel === 'in_app' ? { sent_at: now, attempts: 1 } : {}),
          })
          if (!delivery) continue
          created++
          if (channel === 'in_app') {
            await txRepo.insertNotification({ id: ids.next(), user_id: event.user_id, kind: event.kind, event_key: event.event_key, title: rendered.title, body: rendered.text, data: { ...event.data }, created_at: now })
          } else {
            await jobs.send(DELIVER_JOB, { delivery_id: delivery.id }, { tx, singletonKey: delivery.id, ...(sendAfter > now ? { startAfter: sendAfter } : {}) })
          }
        }
      })
      return created
    },

    /** The deliver job: claims the delivery and sends it; a provider failure is retried (the job throws) until MAX_ATTEMPTS. */
    async deliver(deliveryId: string): Promise<'sent' | 'skipped' | 'failed' | 'not_claimed'> {
      const repo = notificationsRepository(db)
      const delivery = await repo.claimDelivery(deliveryId, clock.now())
      if (!delivery) return 'not_claimed'
      let outcome: Awaited<ReturnType<typeof send>>
      try {
        outcome = await send(delivery)
      } catch (err) {
        const error = err instanceof Error ? err.message.slice(0, 1000) : 'failed'
        const giveUp = delivery.attempts >= MAX_ATTEMPTS
        await repo.finishDelivery(delivery.id, { status: giveUp ? 'failed' : 'pending', error })
        deps.logger.warn({ delivery_id: delivery.id, channel: delivery.channel, attempts: delivery.attempts, err }, giveUp ? 'notification delivery given up' : 'notification delivery failed; retrying')
        if (giveUp) return 'failed'
        throw err
      }
      await repo.finishDelivery(delivery.id, { status: outcome.status, provider_ref: outcome.ref, error: outcome.error ?? null, sent_at: outcome.status === 'sent' ? clock.now() : null })
      return outcome.status
    },

    /** The sweep cron: due pending deliveries get a deliver job (a lost job, or one held by quiet hours). */
    async sweepDeliveries(): Promise<number> {
      const due = await notificationsRepository(db).findDueDeliveries(clock.now(), 500)
      for (const d of due) await jobs.send(DELIVER_JOB, { delivery_id: d.id }, { singletonKey: `sweep:${d.id}:${d.attempts}` })
      return due.length
    },

    /** The receipts cron: asks Expo about tickets old enough, and forgets tokens answering DeviceNotRegistered. */
    async checkPushReceipts(): Promise<{ checked: number; removed: number }> {
      const repo = notificationsRepository(db)
      const now = clock.now()
      const tickets = await repo.uncheckedTickets(new Date(now.getTime() - RECEIPT_DELAY_MS), 1000)
      if (tickets.length === 0) return { checked: 0, removed: 0 }
      const receipts = await deps.push.getReceipts(tickets.map((t) => t.id))
      const stale: string[] = []
      let checked = 0
      for (const ticket of tickets) {
        const receipt = receipts[ticket.id]
        if (!receipt) continue
        checked++
        if (receipt.status === 'error' && receipt.error === 'DeviceNotRegistered') stale.push(ticket.token)
        await repo.recordReceipt(ticket.id, now, receipt.status, receipt.status === 'error' ? (receipt.error ?? receipt.message) : null)
      }
      await repo.deletePushTokens(stale)
      if (stale.length > 0) deps.logger.info({ removed: stale.length }, 'push tokens no longer registered were removed')
      return { checked, removed: stale.length }
    },
  }
  return service
}

export type DeliveryService = ReturnType<typeof createDeliveryService>
