import Type, { type Static } from 'typebox'

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
