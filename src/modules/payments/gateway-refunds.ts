// Refunds through the PaymentGateway, in the shape of the bookings module's RefundPort (structurally; no import of bookings):
// a Razorpay payment is refunded with the request's idempotency key; anything else goes to the fallback (mock, credits).
import { PaymentGatewayError, type PaymentGateway } from '../../integrations/razorpay/index.js'

export interface GatewayRefundRequest {
  booking_id: string
  payment_method: string
  payment_ref: string | null
  amount: number
  idempotency_key: string
}

export interface GatewayRefundResult {
  status: 'processed' | 'pending' | 'failed'
  refund_ref: string | null
}

export interface GatewayRefunds {
  refund(request: GatewayRefundRequest): Promise<GatewayRefundResult>
}

/**
 * 'processed' when Razorpay says so, 'pending' until the refund.processed webhook, 'failed' when Razorpay refuses
 * (e.g. more than the refundable amount). An unreachable gateway throws PaymentGatewayUnavailableError: retry the job.
 */
export function createGatewayRefunds(gateway: PaymentGateway, fallback: GatewayRefunds): GatewayRefunds {
  return {
    async refund(request) {
      if (request.payment_method !== 'razorpay' || !request.payment_ref) return fallback.refund(request)
      try {
        const refund = await gateway.createRefund(
          request.payment_ref,
          { amount: request.amount, notes: { booking_id: request.booking_id } },
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
