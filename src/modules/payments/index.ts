// Public face of the payments module: checkout (orders, signatures, webhooks, refunds, second payments) for every payable
// subject. Bookings and credit purchases implement PayableSubject and register with the checkout that app.ts builds.
export { createCheckout, type Checkout } from './checkout.js'
export type { CheckoutDeps, PaymentLogger } from './checkout-context.js'
export type { CaptureOutcome, PayableState, PayableSubject, PayableType, RefundNews } from './payable-subject.js'
export type { StartedAnswer, StartPaymentRequest } from './start-payment.js'
export type { PaymentOutcome } from './settle-payment.js'
export { createMockRefunds, type RefundPort, type RefundRequest, type RefundResult } from './gateway-refunds.js'
export { PaymentStart, VerifyPaymentBody } from './payments.schemas.js'
export { verifyPaymentSignature, verifyWebhookSignature, signWebhookBody, type PaymentSignatureInput } from './razorpay-signatures.js'
export {
  createWebhookIntake, recordOnly,
  type WebhookDelivery, type WebhookEventContext, type WebhookEventHandler, type WebhookIntake, type WebhookIntakeDeps, type WebhookOutcome,
} from './webhook-intake.js'
export type { RazorpayWebhookEvent } from './razorpay-event.js'
export { InvalidSignatureError, InvalidWebhookError } from './payments.errors.js'
export { REFUND_EXTRA_PAYMENT_JOB } from './extra-payments.js'
export { paymentsModule } from './payments.module.js'
export { findPaymentsOfSubject, type PaymentRefundRow, type SubjectPayment } from './payment-queries.js'
