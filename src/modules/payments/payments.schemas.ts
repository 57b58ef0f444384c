import Type, { type Static } from 'typebox'
import { Paise } from '../../shared/schemas.js'

export const RazorpayWebhookHeaders = Type.Object({
  'x-razorpay-signature': Type.Optional(Type.String({ description: 'Hex HMAC-SHA256 of the raw body with the webhook secret' })),
  'x-razorpay-event-id': Type.Optional(Type.String({ description: 'Unique per event; redeliveries repeat it' })),
})

export const RazorpayWebhookBody = Type.Object(
  {
    entity: Type.Optional(Type.String({ examples: ['event'] })),
    account_id: Type.Optional(Type.String()),
    event: Type.String({ examples: ['payment.captured'] }),
    contains: Type.Optional(Type.Array(Type.String())),
    payload: Type.Record(Type.String(), Type.Unknown()),
    created_at: Type.Optional(Type.Integer()),
  },
  {
    additionalProperties: true,
    description: 'A Razorpay event, verified on its exact bytes',
    examples: [{ entity: 'event', event: 'payment.captured', contains: ['payment'], payload: { payment: { entity: { id: 'pay_29QQoUBi66xm2f', order_id: 'order_9A33XWu170gUtm', amount: 49900, status: 'captured' } } }, created_at: 1764300000 }],
  },
)

export const RazorpayWebhookResponse = Type.Object(
  { status: Type.Enum(['processed', 'duplicate']) },
  { examples: [{ status: 'processed' }, { status: 'duplicate' }] },
)
export type RazorpayWebhookResponse = Static<typeof RazorpayWebhookResponse>

/** What the parent's app needs to open Razorpay Checkout for a subject's order. */
export const PaymentStart = Type.Object(
  {
    razorpay_order_id: Type.String(),
    amount: Paise,
    currency: Type.String({ examples: ['INR'] }),
    key_id: Type.String(),
  },
  { examples: [{ razorpay_order_id: 'order_9A33XWu170gUtm', amount: 49_900, currency: 'INR', key_id: 'rzp_test_1DP5mmOlF5G5ag' }] },
)
export type PaymentStart = Static<typeof PaymentStart>

export const VerifyPaymentBody = Type.Object(
  {
    razorpay_order_id: Type.String({ minLength: 1, maxLength: 100 }),
    razorpay_payment_id: Type.String({ minLength: 1, maxLength: 100 }),
    razorpay_signature: Type.String({ minLength: 1, maxLength: 200, description: 'Hex HMAC-SHA256 of order_id|payment_id with the key secret' }),
  },
  {
    description: 'What Razorpay Checkout hands the app after a successful payment',
    examples: [{ razorpay_order_id: 'order_9A33XWu170gUtm', razorpay_payment_id: 'pay_29QQoUBi66xm2f', razorpay_signature: '9ef4dffbfd84f1318f6739a3ce19f9d85851857ae648f114332d8401e0949a3d' }],
  },
)
export type VerifyPaymentBody = Static<typeof VerifyPaymentBody>
