// The envelope Razorpay posts to webhooks, and typed access to the entities it carries.
export interface RazorpayWebhookEvent {
  entity: 'event'
  account_id?: string
  /** payment.authorized, payment.captured, payment.failed, order.paid, refund.created, refund.processed, refund.failed, … */
  event: string
  contains?: string[]
  payload: Record<string, { entity?: Record<string, unknown> } | undefined>
  created_at?: number
}

export interface WebhookPaymentEntity {
  id: string
  order_id: string | null
  amount: number
  currency: string
  status: string
  captured: boolean
}

export interface WebhookRefundEntity {
  id: string
  payment_id: string
  amount: number
  status: string
}

export interface WebhookOrderEntity {
  id: string
  amount: number
  amount_paid: number
  status: string
  receipt: string | null
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const int = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) ? v : 0)

/** A parsed body is an event when it has an `event` name and a `payload` object. */
export function isRazorpayWebhookEvent(value: unknown): value is RazorpayWebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return typeof v.event === 'string' && v.event.length > 0 && typeof v.payload === 'object' && v.payload !== null && !Array.isArray(v.payload)
}

export function paymentEntityOf(event: RazorpayWebhookEvent): WebhookPaymentEntity | undefined {
  const e = event.payload.payment?.entity
  const id = str(e?.id)
  if (!e || !id) return undefined
  return { id, order_id: str(e.order_id), amount: int(e.amount), currency: str(e.currency) ?? 'INR', status: str(e.status) ?? '', captured: e.captured === true }
}

export function refundEntityOf(event: RazorpayWebhookEvent): WebhookRefundEntity | undefined {
  const e = event.payload.refund?.entity
  const id = str(e?.id)
  const paymentId = str(e?.payment_id)
  if (!e || !id || !paymentId) return undefined
  return { id, payment_id: paymentId, amount: int(e.amount), status: str(e.status) ?? '' }
}

export function orderEntityOf(event: RazorpayWebhookEvent): WebhookOrderEntity | undefined {
  const e = event.payload.order?.entity
  const id = str(e?.id)
  if (!e || !id) return undefined
  return { id, amount: int(e.amount), amount_paid: int(e.amount_paid), status: str(e.status) ?? '', receipt: str(e.receipt) }
}
