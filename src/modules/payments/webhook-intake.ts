// Razorpay webhook intake: the signature over the raw bytes, dedupe by event id, then the event handler — all in one transaction.
import type { Db, Tx } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { InvalidSignatureError, InvalidWebhookError } from './payments.errors.js'
import { paymentsRepository } from './payments.repository.js'
import { isRazorpayWebhookEvent, type RazorpayWebhookEvent } from './razorpay-event.js'
import { verifyWebhookSignature } from './razorpay-signatures.js'

export interface WebhookEventContext {
  /** The intake's transaction: the handler's writes commit together with the event's dedupe row, or not at all. */
  tx: Tx
  eventId: string
  receivedAt: Date
}

/** The port the bookings module plugs in (confirm on payment.captured/order.paid, fail, settle refunds). Must be fast; no HTTP calls. */
export type WebhookEventHandler = (event: RazorpayWebhookEvent, context: WebhookEventContext) => Promise<void>

/** The default handler: the event is only recorded. */
export const recordOnly: WebhookEventHandler = async () => undefined

export interface WebhookIntakeDeps {
  db: Db
  clock: Clock
  /** The current webhook secret and, during a rotation, the previous one; empty entries are ignored. */
  secrets: readonly string[]
  onEvent?: WebhookEventHandler
}

export interface WebhookDelivery {
  rawBody: Buffer
  signature: string | undefined
  eventId: string | undefined
}

export type WebhookOutcome = { status: 'processed'; event_type: string } | { status: 'duplicate' }

export interface WebhookIntake {
  verifySignature(rawBody: Buffer, signature: string | undefined): boolean
  /** Throws InvalidSignatureError / InvalidWebhookError; a handler failure rolls everything back and rethrows (Razorpay retries). */
  receive(delivery: WebhookDelivery): Promise<WebhookOutcome>
}

export function createWebhookIntake(deps: WebhookIntakeDeps): WebhookIntake {
  const onEvent = deps.onEvent ?? recordOnly
  const secrets = deps.secrets.filter(Boolean)
  const verifySignature = (rawBody: Buffer, signature: string | undefined): boolean => verifyWebhookSignature(rawBody, signature, secrets)

  return {
    verifySignature,
    async receive({ rawBody, signature, eventId }) {
      if (!verifySignature(rawBody, signature)) throw new InvalidSignatureError()
      if (!eventId || eventId.length > 200) throw new InvalidWebhookError('MISSING_EVENT_ID', 'The x-razorpay-event-id header is missing')
      let event: unknown
      try {
        event = JSON.parse(rawBody.toString('utf8'))
      } catch {
        event = undefined
      }
      if (!isRazorpayWebhookEvent(event)) throw new InvalidWebhookError('INVALID_PAYLOAD', 'The body is not a Razorpay event')

      return deps.db.transaction(async (tx): Promise<WebhookOutcome> => {
        const repo = paymentsRepository(tx)
        const receivedAt = deps.clock.now()
        const first = await repo.insertWebhookEvent({ event_id: eventId, event_type: event.event, payload: event, received_at: receivedAt })
        if (!first) return { status: 'duplicate' }
        await onEvent(event, { tx, eventId, receivedAt })
        await repo.markWebhookEventProcessed(eventId, deps.clock.now())
        return { status: 'processed', event_type: event.event }
      })
    },
  }
}
