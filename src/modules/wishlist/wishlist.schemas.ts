// Request and response shapes of the wishlist routes.
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'
import { ListingCard } from '../catalog/index.js'

export const WishlistParams = Type.Object({ listing_id: Uuid })
export type WishlistParams = Static<typeof WishlistParams>

export const WishlistQuery = PageQuery

const cardExample = (ListingCard as { examples?: unknown[] }).examples?.[0]

export const WishlistItemResponse = Type.Object(
  {
    listing: ListingCard,
    available: Type.Boolean({ description: 'false once the listing is no longer public (archived, unpublished, its partner suspended)' }),
    seats_left: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Seats left in the next session; null without one or when unavailable' }),
    added_at: IsoDateTime,
  },
  { examples: [{ listing: cardExample, available: true, seats_left: 4, added_at: '2026-12-01T10:00:00.000Z' }] },
)
export type WishlistItemResponse = Static<typeof WishlistItemResponse>

export const WishlistPage = Page(WishlistItemResponse)

export const WishlistSavedResponse = Type.Object(
  { listing_id: Uuid, added_at: IsoDateTime },
  { examples: [{ listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', added_at: '2026-12-01T10:00:00.000Z' }] },
)
export type WishlistSavedResponse = Static<typeof WishlistSavedResponse>
