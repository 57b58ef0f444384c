// Request and answer shapes of buying a credit plan (POST /api/subscribe-plan) and of confirming its Razorpay payment.
import Type, { type Static } from 'typebox'
import { CREDIT_PURCHASE_STATUSES } from '../../db/schema/credits.js'
import { IsoDateTime, Paise, Uuid } from '../../shared/schemas.js'
import { PaymentStart } from '../payments/index.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const PurchaseIdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'A new random value (a UUID) per purchase attempt; a retry sends the same one and gets the first answer back',
    examples: ['0d1f6c3e-97a4-4f7b-b0a2-5c1e2d3f4a5b'],
  }),
})

export const SubscribePlanBody = Type.Object(
  { plan_id: Uuid },
  { description: 'The plan to buy; its price and credits come from the plan (anything else sent is ignored)', examples: [{ plan_id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60' }] },
)
export type SubscribePlanBody = Static<typeof SubscribePlanBody>

export const CreditPurchaseView = Type.Object({
  id: Uuid,
  plan_id: Uuid,
  plan_name: Type.String(),
  status: Type.Enum([...CREDIT_PURCHASE_STATUSES], { description: 'pending_payment until Razorpay confirms; failed when the payment could not start' }),
  amount: Paise,
  credits: Type.Integer({ minimum: 1 }),
  bonus_credits: Type.Integer({ minimum: 0 }),
  validity_days: Type.Integer({ minimum: 1 }),
  is_trial: Type.Boolean({ description: 'Trial credits never roll over into a later plan' }),
  payment_method: Type.Enum(['mock', 'razorpay', 'free'], { description: 'mock: confirmed without a gateway (PAYMENTS_MODE=mock); free: a plan priced 0, confirmed at once in every mode' }),
  razorpay_order_id: Nullable(Type.String()),
  paid_at: Nullable(IsoDateTime),
  expires_at: Nullable(IsoDateTime),
  created_at: IsoDateTime,
})
export type CreditPurchaseView = Static<typeof CreditPurchaseView>

const PAID_EXAMPLE = {
  purchase: {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', plan_id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60', plan_name: 'Family', status: 'paid', amount: 249_900,
    credits: 25, bonus_credits: 3, validity_days: 60, is_trial: false, payment_method: 'mock', razorpay_order_id: null,
    paid_at: '2026-12-01T10:00:00.000Z', expires_at: '2027-01-30T10:00:00.000Z', created_at: '2026-12-01T10:00:00.000Z',
  },
  wallet: { balance: 28 },
  invoice_id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  payment: null,
}
const PENDING_EXAMPLE = {
  purchase: { ...PAID_EXAMPLE.purchase, status: 'pending_payment', payment_method: 'razorpay', razorpay_order_id: 'order_9A33XWu170gUtm', paid_at: null, expires_at: null },
  wallet: { balance: 0 },
  invoice_id: null,
  payment: { razorpay_order_id: 'order_9A33XWu170gUtm', amount: 249_900, currency: 'INR', key_id: 'rzp_test_1DP5mmOlF5G5ag' },
}

export const CreditPurchaseResponse = Type.Object(
  {
    purchase: CreditPurchaseView,
    wallet: Type.Object({ balance: Type.Integer({ minimum: 0, description: 'Usable credits now' }) }),
    invoice_id: Nullable(Type.String({ format: 'uuid', description: 'The platform’s GST invoice (GET /api/invoices/{id}); null until paid and for a free plan' })),
    payment: Nullable(PaymentStart),
  },
  {
    description:
      'payment is null when the purchase is confirmed at once (PAYMENTS_MODE=mock, or a free plan); otherwise the Razorpay order the app’s ' +
      'Checkout pays, and the credits come with POST /api/payments/razorpay/verify or the payment webhook',
    examples: [PAID_EXAMPLE, PENDING_EXAMPLE],
  },
)
export type CreditPurchaseResponse = Static<typeof CreditPurchaseResponse>
