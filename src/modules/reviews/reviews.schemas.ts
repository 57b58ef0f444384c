// Request and response shapes of the reviews routes. Reviewers are shown by first name and initial only.
import Type, { type Static } from 'typebox'
import { REVIEW_TEXT_MAX } from '../../db/schema/reviews.js'
import { IsoDateTime, Page, PageQuery, Uuid } from '../../shared/schemas.js'
import { REVIEW_EDIT_DAYS, REVIEW_PHOTOS_MAX } from './review-rules.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

const Rating = Type.Integer({ minimum: 1, maximum: 5, description: 'Stars, 1 to 5', examples: [5] })
const ReviewText = Type.String({ maxLength: REVIEW_TEXT_MAX, description: `At most ${REVIEW_TEXT_MAX} characters`, examples: ['Our daughter loved it'] })
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', examples: ['Contains a phone number'] })

export const CreateReviewBody = Type.Object({
  booking_id: Uuid,
  rating: Rating,
  text: Type.Optional(ReviewText),
})
export type CreateReviewBody = Static<typeof CreateReviewBody>

export const UpdateReviewBody = Type.Object({ rating: Type.Optional(Rating), text: Type.Optional(ReviewText) })
export type UpdateReviewBody = Static<typeof UpdateReviewBody>

export const ReplyBody = Type.Object({ reply: Type.String({ minLength: 1, maxLength: REVIEW_TEXT_MAX, pattern: '\\S', examples: ['Thank you, see you next week!'] }) })
export type ReplyBody = Static<typeof ReplyBody>

export const HideReviewBody = Type.Object({ reason: Reason })
export type HideReviewBody = Static<typeof HideReviewBody>

export const ReviewPhoto = Type.Object({ id: Uuid, url: Type.String() })
export type ReviewPhoto = Static<typeof ReviewPhoto>

const ReviewReply = Type.Object({ text: Type.String(), replied_at: IsoDateTime })

const EXAMPLE_ID = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c'
const LISTING_ID = '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b'
const PUBLIC_EXAMPLE = {
  id: EXAMPLE_ID, listing_id: LISTING_ID, listing_title: 'Junior Chess', rating: 5, text: 'Our daughter loved it',
  photos: [{ id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', url: 'https://cdn.rrray.in/reviews/9a8b7c6d.jpg' }],
  reviewer_name: 'Priya S.', reply: { text: 'Thank you!', replied_at: '2026-12-03T04:30:00.000Z' },
  created_at: '2026-12-02T10:00:00.000Z', updated_at: '2026-12-02T10:00:00.000Z',
}

const publicFields = {
  id: Uuid,
  listing_id: Uuid,
  listing_title: Type.String(),
  rating: Rating,
  text: Type.String(),
  photos: Type.Array(ReviewPhoto),
  reviewer_name: Type.String({ description: 'First name and last initial', examples: ['Priya S.'] }),
  reply: Nullable(ReviewReply),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
}

export const PublicReviewResponse = Type.Object(publicFields, { examples: [PUBLIC_EXAMPLE] })
export type PublicReviewResponse = Static<typeof PublicReviewResponse>

const MY_EXAMPLE = { ...PUBLIC_EXAMPLE, booking_id: '2d1c0b9a-8f7e-4d6c-95a4-938271605f4e', hidden: false, editable_until: '2026-12-09T10:00:00.000Z' }

export const MyReviewResponse = Type.Object(
  {
    ...publicFields,
    booking_id: Uuid,
    hidden: Type.Boolean({ description: 'Hidden by an admin: not shown publicly nor counted in ratings' }),
    editable_until: IsoDateTime,
  },
  { examples: [MY_EXAMPLE] },
)
export type MyReviewResponse = Static<typeof MyReviewResponse>

const ADMIN_EXAMPLE = { ...MY_EXAMPLE, hidden: true, partner_id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', user_id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', hidden_reason: 'Contains a phone number', hidden_at: '2026-12-04T10:00:00.000Z' }

export const AdminReviewResponse = Type.Object(
  {
    ...MyReviewResponse.properties,
    partner_id: Uuid,
    user_id: Uuid,
    hidden_reason: Nullable(Type.String()),
    hidden_at: Nullable(IsoDateTime),
  },
  { examples: [ADMIN_EXAMPLE] },
)
export type AdminReviewResponse = Static<typeof AdminReviewResponse>

export const REVIEW_SORTS = ['newest', 'highest', 'lowest'] as const
export type ReviewSort = (typeof REVIEW_SORTS)[number]

export const PublicReviewsQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum([...REVIEW_SORTS], { default: 'newest' }),
})
export type PublicReviewsQuery = Static<typeof PublicReviewsQuery>

export const PartnerReviewsQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum([...REVIEW_SORTS], { default: 'newest' }),
  listing_id: Type.Optional(Uuid),
  unreplied: Type.Optional(Type.Boolean({ description: 'true: only reviews still waiting for your reply' })),
  rating: Type.Optional(Rating),
})
export type PartnerReviewsQuery = Static<typeof PartnerReviewsQuery>

export const AdminReviewsQuery = Type.Object({
  ...PageQuery.properties,
  hidden: Type.Optional(Type.Boolean()),
  listing_id: Type.Optional(Uuid),
  partner_id: Type.Optional(Uuid),
})
export type AdminReviewsQuery = Static<typeof AdminReviewsQuery>

const Count = Type.Integer({ minimum: 0 })
export const RatingSummary = Type.Object({
  average: Type.Number({ minimum: 0, maximum: 5, examples: [4.6] }),
  count: Count,
  histogram: Type.Object(
    { 1: Count, 2: Count, 3: Count, 4: Count, 5: Count },
    { description: 'Visible reviews per star rating', examples: [{ 1: 0, 2: 1, 3: 2, 4: 9, 5: 25 }] },
  ),
})
export type RatingSummary = Static<typeof RatingSummary>

const ReviewPage = Page(PublicReviewResponse)
export const ListingReviewsResponse = Type.Object(
  { ...ReviewPage.properties, rating: RatingSummary },
  { examples: [{ items: [PUBLIC_EXAMPLE], total: 1, page: 1, page_size: 20, rating: { average: 5, count: 1, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } } }] },
)
export type ListingReviewsResponse = Static<typeof ListingReviewsResponse>

export const PublicReviewPage = ReviewPage
export const MyReviewPage = Page(MyReviewResponse)
export const AdminReviewPage = Page(AdminReviewResponse)

export const ReviewPhotosResponse = Type.Object({ items: Type.Array(ReviewPhoto) }, { examples: [{ items: PUBLIC_EXAMPLE.photos }] })
export type ReviewPhotosResponse = Static<typeof ReviewPhotosResponse>

export const ReviewPhotoParams = Type.Object({ id: Uuid, photo_id: Uuid })

export const REVIEW_RULES =
  `A review needs a booking of yours that a child attended (a seat marked present or late, or a session that ended with no absence ` +
  `marked and no "unable to attend" report; 422 BOOKING_NOT_ATTENDED), one per booking (409 REVIEW_EXISTS). Editable by its author ` +
  `for ${REVIEW_EDIT_DAYS} days (409 REVIEW_EDIT_WINDOW_CLOSED); at most ${REVIEW_PHOTOS_MAX} photos.`
