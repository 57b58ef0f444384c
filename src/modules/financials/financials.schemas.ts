// The partner's financial summary: every figure is a sum over bookings, also shown per listing.
import Type, { type Static } from 'typebox'
import { IsoDate, Paise, Uuid } from '../../shared/schemas.js'

export const FinancialSummaryQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'First day (India time), YYYY-MM-DD; default: 29 days before `to`', examples: ['2026-11-01'] })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day (India time), YYYY-MM-DD, inclusive; default: today', examples: ['2026-11-30'] })),
})
export type FinancialSummaryQuery = Static<typeof FinancialSummaryQuery>

const Figures = {
  bookings_count: Type.Integer({ minimum: 0 }),
  gross: Paise,
  refunds: Paise,
  commission: Paise,
  net_earned: Paise,
  payable_now: Paise,
}

export const ListingFinancials = Type.Object({ listing_id: Uuid, listing_title: Type.String(), ...Figures })
export type ListingFinancials = Static<typeof ListingFinancials>

const EXAMPLE = {
  from: '2026-11-01', to: '2026-11-30', currency: 'INR', commission_percent: 15,
  bookings_count: 3, gross: 299_700, refunds: 49_950, commission: 37_463, net_earned: 212_287, paid_out: 0, payable_now: 84_915,
  by_listing: [{ listing_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d', listing_title: 'Junior Football', bookings_count: 3, gross: 299_700, refunds: 49_950, commission: 37_463, net_earned: 212_287, payable_now: 84_915 }],
}

export const FinancialSummaryResponse = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    currency: Type.Literal('INR'),
    commission_percent: Type.Number({ description: 'The partner’s rate, else the default_commission_percent setting, else COMMISSION_PERCENT' }),
    ...Figures,
    payable_now: Type.Integer({ minimum: 0, description: 'The balance as of now (not limited to the range): settled net ever minus payouts holding money' }),
    paid_out: Type.Integer({ minimum: 0, description: 'Payouts paid (paid_at) in the range' }),
    by_listing: Type.Array(ListingFinancials),
  },
  { examples: [EXAMPLE] },
)
export type FinancialSummaryResponse = Static<typeof FinancialSummaryResponse>
