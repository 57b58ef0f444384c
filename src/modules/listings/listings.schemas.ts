// Request and answer shapes of partners' listings, their moderation and their media. Answers are whitelists.
import Type, { type Static } from 'typebox'
import { LISTING_STATUSES, LISTING_TYPES } from '../../db/schema/listings.js'
import { IsoDateTime, Page, PageQuery, Paise, Uuid } from '../../shared/schemas.js'
import { CategorySummary, PartnerSummary } from '../catalog/index.js'

const Text = (maxLength: number, extra: object = {}) => Type.String({ maxLength, ...extra })
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const ListingType = Type.Enum([...LISTING_TYPES], { examples: ['class'] })
const ListingStatus = Type.Enum([...LISTING_STATUSES], { examples: ['approved'] })
const Age = Type.Integer({ minimum: 0, maximum: 18, examples: [6] })
const NoticeHours = Type.Integer({ minimum: 0, maximum: 720, examples: [24] })
const Price = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Amount in paise (₹1 = 100)', examples: [149900] })

const listingFields = {
  title: Text(120, { minLength: 3, pattern: '\\S', examples: ['Swimming for beginners'] }),
  description: Text(5000, { examples: ['Small groups, certified coaches, a heated pool.'] }),
  category: Text(80, { minLength: 1, description: 'Category id or slug', examples: ['swimming'] }),
  venue_id: Uuid,
  is_online: Type.Boolean({ description: 'Online listings have no venue; in-person ones need venue_id' }),
  type: ListingType,
  age_min: Age,
  age_max: Age,
  duration_minutes: Type.Integer({ minimum: 5, maximum: 1440, examples: [45] }),
  what_to_bring: Nullable(Text(1000, { examples: ['Swimsuit, cap, towel'] })),
  tags: Type.Array(Text(40, { minLength: 1 }), { maxItems: 20, examples: [['swimming', 'water']] }),
  price: Price,
  cancellation_notice_hours: Nullable(NoticeHours),
  reschedule_notice_hours: Nullable(NoticeHours),
  trial_available: Type.Boolean(),
  trial_price: Nullable(Price),
}

export const CreateListingBody = Type.Object(
  {
    title: listingFields.title,
    description: Type.Optional(listingFields.description),
    category: listingFields.category,
    venue_id: Type.Optional(listingFields.venue_id),
    is_online: Type.Optional(listingFields.is_online),
    type: listingFields.type,
    age_min: listingFields.age_min,
    age_max: listingFields.age_max,
    duration_minutes: Type.Optional(listingFields.duration_minutes),
    what_to_bring: Type.Optional(listingFields.what_to_bring),
    tags: Type.Optional(listingFields.tags),
    price: listingFields.price,
    cancellation_notice_hours: Type.Optional(listingFields.cancellation_notice_hours),
    reschedule_notice_hours: Type.Optional(listingFields.reschedule_notice_hours),
    trial_available: Type.Optional(listingFields.trial_available),
    trial_price: Type.Optional(listingFields.trial_price),
  },
  { additionalProperties: false, description: 'A new listing starts as a draft; submit it for review when it is ready.' },
)
export type CreateListingBody = Static<typeof CreateListingBody>

export const UpdateListingBody = Type.Object(
  Object.fromEntries(Object.entries(listingFields).map(([name, schema]) => [name, Type.Optional(schema)])) as {
    [K in keyof typeof listingFields]: Type.TOptional<(typeof listingFields)[K]>
  },
  { additionalProperties: false, minProperties: 1, description: 'Send only what changes.' },
)
export type UpdateListingBody = Static<typeof UpdateListingBody>

const mediaExample = {
  id: '0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b',
  url: '/uploads/listings/0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b.jpg',
  content_type: 'image/jpeg',
  bytes: 182044,
  position: 0,
  created_at: '2026-11-20T10:00:00.000Z',
}

export const MediaResponse = Type.Object(
  {
    id: Uuid,
    url: Type.String({ examples: ['/uploads/listings/0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b.jpg'] }),
    content_type: Type.String({ examples: ['image/jpeg'] }),
    bytes: Type.Integer({ minimum: 1, examples: [182044] }),
    position: Type.Integer({ minimum: 0, examples: [0] }),
    created_at: IsoDateTime,
  },
  { examples: [mediaExample] },
)
export type MediaResponse = Static<typeof MediaResponse>

const listingExample = {
  id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  partner_id: '7d2e4a90-1b3c-4d5e-8f60-718293a4b5c6',
  venue_id: '9a1d3c52-6f0e-4b7c-8e2f-1d4c5b6a7e80',
  category: { id: '0b9f6c1e-5a43-4f8e-9d0a-2f1f3c4d5e6f', slug: 'swimming', name: 'Swimming' },
  title: 'Swimming for beginners',
  description: 'Small groups, certified coaches, a heated pool.',
  type: 'class',
  age_min: 5,
  age_max: 10,
  duration_minutes: 45,
  what_to_bring: 'Swimsuit, cap, towel',
  tags: ['swimming', 'water'],
  images: ['/uploads/listings/0f8e2c7a-5b1d-4e3f-9a6b-7c8d9e0f1a2b.jpg'],
  media: [mediaExample],
  is_online: false,
  price: 149900,
  trial_available: true,
  trial_price: 19900,
  cancellation_notice_hours: 24,
  reschedule_notice_hours: 12,
  status: 'approved',
  rejection_reason: null,
  city: 'Gurgaon',
  lat: 28.4595,
  lng: 77.0266,
  timezone: 'Asia/Kolkata',
  published_at: '2026-11-21T09:00:00.000Z',
  created_at: '2026-11-20T10:00:00.000Z',
  updated_at: '2026-11-21T09:00:00.000Z',
}

const listingProperties = {
  id: Uuid,
  partner_id: Uuid,
  venue_id: Nullable(Uuid),
  category: CategorySummary,
  title: Type.String(),
  description: Type.String(),
  type: ListingType,
  age_min: Type.Integer(),
  age_max: Type.Integer(),
  duration_minutes: Type.Integer(),
  what_to_bring: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  images: Type.Array(Type.String(), { description: 'Public image URLs in display order (the first is the cover)' }),
  media: Type.Array(MediaResponse, { description: 'The same images with their ids, for reordering and deleting' }),
  is_online: Type.Boolean(),
  price: Paise,
  trial_available: Type.Boolean(),
  trial_price: Nullable(Paise),
  cancellation_notice_hours: Nullable(Type.Integer()),
  reschedule_notice_hours: Nullable(Type.Integer()),
  status: ListingStatus,
  rejection_reason: Nullable(Type.String()),
  city: Nullable(Type.String({ description: 'From the venue; null for online listings' })),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  timezone: Type.String(),
  published_at: Nullable(IsoDateTime),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
}

export const ListingResponse = Type.Object(listingProperties, { examples: [listingExample] })
export type ListingResponse = Static<typeof ListingResponse>

export const AdminListingResponse = Type.Object(
  { ...listingProperties, partner: PartnerSummary },
  { examples: [{ ...listingExample, status: 'pending_approval', partner: { id: listingExample.partner_id, business_name: 'Aqua Kids' } }] },
)
export type AdminListingResponse = Static<typeof AdminListingResponse>

export const ListMyListingsQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(ListingStatus),
  type: Type.Optional(ListingType),
  category: Type.Optional(Text(80, { minLength: 1, description: 'Category id or slug' })),
  q: Type.Optional(Text(100, { minLength: 1, description: 'Part of the title', examples: ['swim'] })),
})
export type ListMyListingsQuery = Static<typeof ListMyListingsQuery>

export const AdminListListingsQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(ListingStatus),
  partner_id: Type.Optional(Uuid),
  q: Type.Optional(Text(100, { minLength: 1, description: 'Part of the title', examples: ['swim'] })),
})
export type AdminListListingsQuery = Static<typeof AdminListListingsQuery>

export const ListMyListingsResponse = Page(ListingResponse)
export const AdminListListingsResponse = Page(AdminListingResponse)

export const RejectListingBody = Type.Object(
  { reason: Text(1000, { minLength: 3, pattern: '\\S', description: 'Shown to the partner', examples: ['Photos show a different venue'] }) },
  { additionalProperties: false },
)
export type RejectListingBody = Static<typeof RejectListingBody>

export const MediaParams = Type.Object({ id: Uuid, media_id: Uuid })
export type MediaParams = Static<typeof MediaParams>

export const ReorderMediaBody = Type.Object(
  { media_ids: Type.Array(Uuid, { minItems: 1, maxItems: 10, description: 'Every image id of the listing, in the new order' }) },
  { additionalProperties: false },
)
export type ReorderMediaBody = Static<typeof ReorderMediaBody>

export const MediaListResponse = Type.Object(
  { items: Type.Array(MediaResponse) },
  { examples: [{ items: [mediaExample] }] },
)
export type MediaListResponse = Static<typeof MediaListResponse>

export const LogoResponse = Type.Object(
  { logo_url: Type.String() },
  { examples: [{ logo_url: '/uploads/logos/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f.png' }] },
)
export type LogoResponse = Static<typeof LogoResponse>
