// PAYMENTS_MODE=mock: no network; orders are created and refunds processed at once, deterministically per input.
import { randomBytes } from 'node:crypto'
import type { Clock } from '../../shared/clock.js'
import type { GatewayPayment, GatewayRefund, PaymentGateway } from './payment-gateway.js'

const token = (): string => randomBytes(7).toString('hex')

export function createMockPaymentGateway(clock: Clock): PaymentGateway {
  const refunds = new Map<string, GatewayRefund>()
  return {
    kind: 'mock',
    async createOrder(input) {
      return { id: `order_mock_${token()}`, amount: input.amount, currency: input.currency, receipt: input.receipt, status: 'created' }
    },
    async fetchPayment(paymentId) {
      return mockPayment(paymentId, null, clock)
    },
    async fetchOrderPayments() {
      return []
    },
    async createRefund(_paymentId, input, idempotencyKey) {
      const known = refunds.get(idempotencyKey)
      if (known) return known
      const refund: GatewayRefund = { id: `rfnd_mock_${token()}`, status: 'processed', amount: input.amount ?? 0 }
      refunds.set(idempotencyKey, refund)
      return refund
    },
  }
}

function mockPayment(id: string, orderId: string | null, clock: Clock): GatewayPayment {
  return {
    id,
    order_id: orderId,
    amount: 0,
    currency: 'INR',
    status: 'captured',
    captured: true,
    method: 'mock',
    amount_refunded: 0,
    error_code: null,
    error_description: null,
    created_at: Math.floor(clock.now().getTime() / 1000),
  }
}
