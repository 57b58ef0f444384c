// Request and answer shapes of payout requests (partner and admin) and of the RazorpayX payout webhook.
import Type, { type Static } from 'typebox'
import { PAYOUT_MODES, PAYOUT_STATUSES } from '../../db/schema/payouts.js'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** ₹1 (RazorpayX's minimum) to ₹1 crore per request. */
export const MIN_PAYOUT_PAISE = 100
export const MAX_PAYOUT_PAISE = 1_000_000_000

export const PayoutIdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'A new random value (a UUID) per payout request; a retry sends the same one and gets the first answer back',
    examples: ['0d1f6c3e-97a4-4f7b-b0a2-5c1e2d3f4a5b'],
  }),
})

export const CreatePayoutRequestBody = Type.Object(
  { amount: Type.Integer({ minimum: MIN_PAYOUT_PAISE, maximum: MAX_PAYOUT_PAISE, description: 'Paise; at most payable_now of the financial summary' }) },
  { additionalProperties: false, examples: [{ amount: 250_000 }] },
)
export type CreatePayoutRequestBody = Static<typeof CreatePayoutRequestBody>

const EXAMPLE = {
  id: '7c0e2b8a-4f1d-4e6b-9a3c-2d5e8f1a0b4c',
  partner_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
  amount: 250_000,
  status: 'paid',
  mode: 'manual',
  rejection_reason: null,
  utr: 'HDFCN52026120212345',
  failure_reason: null,
  reviewed_at: '2026-12-02T06:00:00.000Z',
  paid_at: '2026-12-02T09:30:00.000Z',
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-02T09:30:00.000Z',
}

const payoutFields = {
  id: Uuid,
  partner_id: Uuid,
  amount: Type.Integer({ minimum: MIN_PAYOUT_PAISE, description: 'Paise' }),
  status: Type.Enum([...PAYOUT_STATUSES]),
  mode: Nullable(Type.Enum([...PAYOUT_MODES], { description: 'How it is paid; set when approved' })),
  rejection_reason: Nullable(Type.String()),
  utr: Nullable(Type.String({ description: 'The bank transfer’s reference' })),
  failure_reason: Nullable(Type.String()),
  reviewed_at: Nullable(IsoDateTime),
  paid_at: Nullable(IsoDateTime),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
}

export const PayoutRequestResponse = Type.Object(payoutFields, { examples: [EXAMPLE] })
export type PayoutRequestResponse = Static<typeof PayoutRequestResponse>
export const PayoutRequestPage = Page(PayoutRequestResponse)

export const AdminPayoutRequestResponse = Type.Object(
  {
    ...payoutFields,
    partner_business_name: Type.String(),
    reviewed_by: Nullable(Uuid),
    razorpayx_payout_id: Nullable(Type.String()),
  },
  { examples: [{ ...EXAMPLE, partner_business_name: 'Kickstart Football Academy', reviewed_by: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', razorpayx_payout_id: null }] },
)
export type AdminPayoutRequestResponse = Static<typeof AdminPayoutRequestResponse>
export const AdminPayoutRequestPage = Page(AdminPayoutRequestResponse)

export const ListPayoutRequestsQuery = Type.Object({ ...PageQuery.properties, status: Type.Optional(Type.Enum([...PAYOUT_STATUSES])) })
export type ListPayoutRequestsQuery = Static<typeof ListPayoutRequestsQuery>

export const AdminListPayoutRequestsQuery = Type.Object({
    ...PageQuery.properties,
    status: Type.Optional(Type.Enum([...PAYOUT_STATUSES])),
    partner_id: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: 'date', description: 'Requested on or after this India day', examples: ['2026-11-01'] })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Requested on or before this India day', examples: ['2026-11-30'] })),
})
export type AdminListPayoutRequestsQuery = Static<typeof AdminListPayoutRequestsQuery>

export const RejectPayoutBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '^[^\\u0000]*\\S[^\\u0000]*$', description: 'Shown to the partner' }) },
  { additionalProperties: false, examples: [{ reason: 'Bank details do not match the KYC documents' }] },
)
export type RejectPayoutBody = Static<typeof RejectPayoutBody>

export const MarkPayoutPaidBody = Type.Object(
  {
    utr: Type.String({
      minLength: 12,
      maxLength: 22,
      pattern: '^[A-Za-z0-9]{12,22}$',
      description: 'The bank’s reference of the transfer: 12–22 letters and digits (IMPS 12-digit RRN, NEFT 16, RTGS 22)',
    }),
  },
  { additionalProperties: false, examples: [{ utr: 'HDFCN52026120212345' }] },
)
export type MarkPayoutPaidBody = Static<typeof MarkPayoutPaidBody>

export const RazorpayXWebhookHeaders = Type.Object({
  'x-razorpay-signature': Type.Optional(Type.String({ description: 'Hex HMAC-SHA256 of the raw body with RAZORPAYX_WEBHOOK_SECRET' })),
  'x-razorpay-event-id': Type.Optional(Type.String({ description: 'Unique per event; redeliveries repeat it' })),
})

export const RazorpayXWebhookBody = Type.Object(
  {
    entity: Type.Optional(Type.String({ examples: ['event'] })),
    account_id: Type.Optional(Type.String()),
    event: Type.String({ examples: ['payout.processed'] }),
    contains: Type.Optional(Type.Array(Type.String())),
    payload: Type.Record(Type.String(), Type.Unknown()),
    created_at: Type.Optional(Type.Integer()),
  },
  {
    additionalProperties: true,
    description: 'A RazorpayX event, verified on its exact bytes',
    examples: [{ entity: 'event', event: 'payout.processed', contains: ['payout'], payload: { payout: { entity: { id: 'pout_00000000000001', status: 'processed', utr: 'HDFCN52026120212345', reference_id: '7c0e2b8a-4f1d-4e6b-9a3c-2d5e8f1a0b4c' } } }, created_at: 1764300000 }],
  },
)

export const RazorpayXWebhookResponse = Type.Object(
  { status: Type.Enum(['processed', 'duplicate']) },
  { examples: [{ status: 'processed' }, { status: 'duplicate' }] },
)
