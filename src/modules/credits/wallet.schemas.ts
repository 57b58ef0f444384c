// Answer shapes of a wallet and its ledger (the parent's own, an admin's view of anyone's) and of an admin's adjustment.
import Type, { type Static } from 'typebox'
import { CREDIT_ENTRY_TYPES } from '../../db/schema/credits.js'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

const EntryType = Type.Enum([...CREDIT_ENTRY_TYPES], {
  description: 'grant: a plan bought; spend: a booking; refund: a booking’s credits back; expire: credits past their date; adjust: an admin’s correction; rollover: unused credits moved to a new plan’s expiry (delta 0)',
})

const entryFields = {
  id: Uuid,
  entry_type: EntryType,
  delta: Type.Integer({ description: 'Credits in (+) or out (−)' }),
  balance_after: Type.Integer({ minimum: 0, description: 'The balance right after this entry' }),
  reason: Type.String(),
  booking_id: Nullable(Uuid),
  plan_id: Nullable(Uuid),
  purchase_id: Nullable(Uuid),
  expires_at: Nullable(IsoDateTime),
  created_at: IsoDateTime,
}

const ENTRY_EXAMPLE = {
  id: '7c6d5e4f-3a2b-4c1d-9e8f-0a1b2c3d4e5f',
  entry_type: 'grant',
  delta: 12,
  balance_after: 12,
  reason: 'Bought Monthly 10',
  booking_id: null,
  plan_id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60',
  purchase_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  expires_at: '2027-01-30T10:00:00.000Z',
  created_at: '2026-12-01T10:00:00.000Z',
}
const ADJUST_EXAMPLE = {
  ...ENTRY_EXAMPLE,
  entry_type: 'adjust',
  delta: 3,
  balance_after: 15,
  reason: 'Sorry for the rained-out class',
  plan_id: null,
  purchase_id: null,
  actor_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
}

export const LedgerEntryResponse = Type.Object(entryFields, { examples: [ENTRY_EXAMPLE] })
export type LedgerEntryResponse = Static<typeof LedgerEntryResponse>
export const LedgerEntryPage = Page(LedgerEntryResponse)

export const AdminLedgerEntryResponse = Type.Object(
  { ...entryFields, actor_id: Nullable(Type.String({ format: 'uuid', description: 'The admin who made an adjustment' })) },
  { examples: [ADJUST_EXAMPLE] },
)
export type AdminLedgerEntryResponse = Static<typeof AdminLedgerEntryResponse>
export const AdminLedgerEntryPage = Page(AdminLedgerEntryResponse)

export const ListLedgerQuery = Type.Object({ ...PageQuery.properties, entry_type: Type.Optional(Type.Enum([...CREDIT_ENTRY_TYPES])) })
export type ListLedgerQuery = Static<typeof ListLedgerQuery>

const ActivePlan = Type.Object(
  {
    purchase_id: Uuid,
    plan_id: Uuid,
    name: Type.String(),
    credits: Type.Integer({ minimum: 1 }),
    bonus_credits: Type.Integer({ minimum: 0 }),
    is_trial: Type.Boolean(),
    purchased_at: IsoDateTime,
    expires_at: IsoDateTime,
  },
  { description: 'The latest paid plan whose credits have not expired' },
)

export const WalletResponse = Type.Object(
  {
    balance: Type.Integer({ minimum: 0, description: 'Usable credits now (expired credits already written off)' }),
    expiring_soon: Type.Array(Type.Object({ credits: Type.Integer({ minimum: 1 }), expires_at: IsoDateTime }), {
      description: 'Credits expiring within the next 30 days, by expiry, the soonest first',
    }),
    active_plan: Nullable(ActivePlan),
    updated_at: Nullable(Type.String({ format: 'date-time', description: 'When the balance last changed; null before the first entry' })),
  },
  {
    examples: [
      {
        balance: 12,
        expiring_soon: [{ credits: 12, expires_at: '2026-12-31T10:00:00.000Z' }],
        active_plan: {
          purchase_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', plan_id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60', name: 'Monthly 10', credits: 10, bonus_credits: 2,
          is_trial: false, purchased_at: '2026-12-01T10:00:00.000Z', expires_at: '2026-12-31T10:00:00.000Z',
        },
        updated_at: '2026-12-01T10:00:00.000Z',
      },
    ],
  },
)
export type WalletResponse = Static<typeof WalletResponse>

export const AdjustCreditsBody = Type.Object(
  {
    delta: Type.Integer({ minimum: -100_000, maximum: 100_000, description: 'Credits to add (+) or take (−); never 0', examples: [3] }),
    reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'Shown to the parent in their ledger', examples: ['Sorry for the rained-out class'] }),
    validity_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 90, description: 'Days until added credits expire (ignored when taking)' })),
  },
  { additionalProperties: false, examples: [{ delta: 3, reason: 'Sorry for the rained-out class', validity_days: 60 }] },
)
export type AdjustCreditsBody = Static<typeof AdjustCreditsBody>

export const AdjustCreditsResponse = Type.Object(
  { entry: AdminLedgerEntryResponse, balance: Type.Integer({ minimum: 0, description: 'The wallet’s balance after the adjustment' }) },
  { examples: [{ entry: ADJUST_EXAMPLE, balance: 15 }] },
)
export type AdjustCreditsResponse = Static<typeof AdjustCreditsResponse>
