// Money going back to a parent. The booking module records a refund; a RefundPort moves the money.
// Mock completes at once; the Razorpay adapter (src/integrations/razorpay) answers 'pending' until its webhook says processed.
import type { IdGenerator } from '../../shared/ids.js'

export interface RefundRequest {
  booking_id: string
  payment_method: 'mock' | 'razorpay' | 'credits' | 'free'
  /** The payment being refunded (Razorpay payment id), when there is one. */
  payment_ref: string | null
  amount: number
  /** Stable per refund, so a retried call cannot refund twice (Razorpay: X-Refund-Idempotency). */
  idempotency_key: string
}

export interface RefundResult {
  status: 'processed' | 'pending' | 'failed'
  refund_ref: string | null
}

export interface RefundPort {
  refund(request: RefundRequest): Promise<RefundResult>
}

export function createMockRefunds(ids: IdGenerator): RefundPort {
  return {
    async refund() {
      return { status: 'processed', refund_ref: `mock_rfnd_${ids.next().replace(/-/g, '').slice(0, 14)}` }
    },
  }
}
