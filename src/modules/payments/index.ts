// Payments: Razorpay signatures and webhook intake. The bookings module plugs its event handler into the intake.
export { verifyPaymentSignature, verifyWebhookSignature, signWebhookBody, type PaymentSignatureInput } from './razorpay-signatures.js'
export {
  createWebhookIntake, recordOnly,
  type WebhookDelivery, type WebhookEventContext, type WebhookEventHandler, type WebhookIntake, type WebhookIntakeDeps, type WebhookOutcome,
} from './webhook-intake.js'
export {
  isRazorpayWebhookEvent, orderEntityOf, paymentEntityOf, refundEntityOf,
  type RazorpayWebhookEvent, type WebhookOrderEntity, type WebhookPaymentEntity, type WebhookRefundEntity,
} from './razorpay-event.js'
export { paymentWebhookRoutes, type PaymentWebhookRouteDeps } from './payments.routes.js'
export { paymentsRepository } from './payments.repository.js'
export { InvalidSignatureError, InvalidWebhookError } from './payments.errors.js'
export { createGatewayRefunds, type GatewayRefundRequest, type GatewayRefundResult, type GatewayRefunds } from './gateway-refunds.js'
export { createExtraPaymentRefunds, recordExtraPayment, REFUND_EXTRA_PAYMENT_JOB, type ExtraPayment, type ExtraPaymentRefunds } from './extra-payments.js'
