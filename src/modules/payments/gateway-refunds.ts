// Money going back to a parent: a Razorpay payment is refunded through the gateway with the request's idempotency key
// (X-Refund-Idempotency); anything else (mock money, credits) goes to the fallback.
import { PaymentGatewayError, type PaymentGateway } from '../../integrations/razorpay/index.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { PayableType } from './payable-subject.js'

export interface RefundRequest {
  /** What was paid for; the refund's notes name it (`{ booking_id }`, `{ credit_purchase_id }`). */
  subject_type: PayableType
  subject_id: string
  payment_method: 'mock' | 'razorpay' | 'credits' | 'free'
  /** The payment being refunded (Razorpay payment id), when there is one. */
  payment_ref: string | null
  /** Paise. */
  amount: number
  /** Stable per refund, so a retried call cannot refund twice. */
  idempotency_key: string
}

export interface RefundResult {
  status: 'processed' | 'pending' | 'failed'
  refund_ref: string | null
}

export interface RefundPort {
  refund(request: RefundRequest): Promise<RefundResult>
}

/** Mock money and credits: done at once (credits go back to the wallet in the caller's transaction, not here). */
export function createMockRefunds(ids: IdGenerator): RefundPort {
  return {
    async refund() {
      return { status: 'processed', refund_ref: `mock_rfnd_${ids.next().replace(/-/g, '').slice(0, 14)}` }
    },
  }
}

/**
 * 'processed' when Razorpay says so, 'pending' until the refund.processed webhook, 'failed' when Razorpay refuses
 * (e.g. more than the refundable amount). An unreachable gateway throws PaymentGatewayUnavailableError: retry the job.
 */
export function createGatewayRefunds(gateway: PaymentGateway, fallback: RefundPort): RefundPort {
  return {
    async refund(request) {
      if (request.payment_method !== 'razorpay' || !request.payment_ref) return fallback.refund(request)
      try {
        const refund = await gateway.createRefund(
          request.payment_ref,
          { amount: request.amount, notes: { [`${request.subject_type}_id`]: request.subject_id } },
          request.idempotency_key,
        )
        const status = refund.status === 'processed' ? 'processed' : refund.status === 'failed' ? 'failed' : 'pending'
        return { status, refund_ref: refund.id }
      } catch (err) {
        if (err instanceof PaymentGatewayError && err.httpStatus >= 400 && err.httpStatus < 500 && err.httpStatus !== 401)
          return { status: 'failed', refund_ref: null }
        throw err
      }
    },
  }
}
