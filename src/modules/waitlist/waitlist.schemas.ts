// Request and response shapes of the waitlist routes.
import Type, { type Static } from 'typebox'
import { WAITLIST_ENTRY_STATUSES } from '../../db/schema/waitlist.js'
import { IsoDateTime, Uuid } from '../../shared/schemas.js'

export const JoinWaitlistBody = Type.Object({
  child_ids: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true, description: 'One seat per child; your own children' }),
})
export type JoinWaitlistBody = Static<typeof JoinWaitlistBody>

export const AcceptOfferBody = Type.Object({
  plan_option_id: Uuid,
  payment_method: Type.Optional(Type.Enum(['razorpay', 'credits'], { description: 'As in POST /api/bookings: credits pay from the wallet and confirm at once' })),
})
export type AcceptOfferBody = Static<typeof AcceptOfferBody>

export const EntryIdParams = Type.Object({ entry_id: Uuid })

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const WaitlistOfferView = Type.Object({ id: Uuid, seats: Type.Integer({ minimum: 1 }), expires_at: IsoDateTime })

const ENTRY_EXAMPLE = {
  id: '2d1c0b9a-8f7e-4d6c-95a4-938271605f4e', session_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', listing_id: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
  listing_title: 'Junior Chess', starts_at: '2026-12-05T04:30:00.000Z', child_ids: ['8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968'], seats: 1, status: 'offered',
  position: 1, offer: { id: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d', seats: 1, expires_at: '2026-12-01T06:30:00.000Z' }, booking_id: null,
  created_at: '2026-11-28T04:30:00.000Z',
}

export const WaitlistEntryResponse = Type.Object(
  {
    id: Uuid,
    session_id: Uuid,
    listing_id: Uuid,
    listing_title: Type.String(),
    starts_at: IsoDateTime,
    child_ids: Type.Array(Uuid),
    seats: Type.Integer({ minimum: 1 }),
    status: Type.Enum([...WAITLIST_ENTRY_STATUSES]),
    position: Nullable(Type.Integer({ minimum: 1, description: 'Place in the session’s line (1 = next); null once out of line' })),
    offer: Nullable(WaitlistOfferView),
    booking_id: Nullable(Uuid),
    created_at: IsoDateTime,
  },
  { examples: [ENTRY_EXAMPLE] },
)
export type WaitlistEntryResponse = Static<typeof WaitlistEntryResponse>
