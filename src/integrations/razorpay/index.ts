// Razorpay: the PaymentGateway for PAYMENTS_MODE test/live; the offline mock otherwise.
import type { Config } from '../../config.js'
import { systemClock, type Clock } from '../../shared/clock.js'
import { createMockPaymentGateway } from './mock-gateway.js'
import type { PaymentGateway } from './payment-gateway.js'
import { createRazorpayClient } from './razorpay-client.js'

export {
  PaymentGatewayError, PaymentGatewayUnavailableError,
  type CreateOrderInput, type CreateRefundInput, type GatewayOrder, type GatewayPayment, type GatewayRefund, type Notes, type PaymentGateway,
} from './payment-gateway.js'
export { createRazorpayClient, type RazorpayClientOptions } from './razorpay-client.js'
export { createMockPaymentGateway } from './mock-gateway.js'

export function createPaymentGateway(payments: Config['payments'], clock: Clock = systemClock, timeoutMs = 10_000): PaymentGateway {
  if (payments.mode === 'mock') return createMockPaymentGateway(clock)
  return createRazorpayClient({ keyId: payments.keyId, keySecret: payments.keySecret, apiBase: payments.apiBase, timeoutMs })
}
