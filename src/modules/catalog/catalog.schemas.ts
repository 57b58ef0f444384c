// Request and response schemas of the public catalog. Response schemas are whitelists: a field not listed here is never sent.
import Type, { type Static } from 'typebox'
import { LISTING_TYPES } from '../../db/schema/listings.js'
import { PLAN_KINDS } from '../../db/schema/scheduling.js'
import { IsoDateTime, Page, PageQuery, Paise, Uuid } from '../../shared/schemas.js'

const ListingType = Type.Enum([...LISTING_TYPES], { examples: ['class'] })
const Age = Type.Integer({ minimum: 0, maximum: 18, examples: [8] })
const CityName = Type.String({ minLength: 1, maxLength: 80, description: 'City; aliases match (Gurgaon/Gurugram, Bengaluru/Bangalore, …)', examples: ['Gurgaon'] })

export const CategorySummary = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() })

export const Rating = Type.Object({
  average: Type.Number({ minimum: 0, maximum: 5, examples: [4.6] }),
  count: Type.Integer({ minimum: 0, examples: [37] }),
})

export const PartnerSummary = Type.Object({ id: Uuid, business_name: Type.String() })

// ---- categories ----
export const CategoryResponse = Type.Object(
  {
    id: Uuid,
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    icon: Type.Union([Type.String(), Type.Null()]),
    sort_order: Type.Integer(),
    listing_count: Type.Integer({ minimum: 0, description: 'Public listings in the category' }),
  },
  {
    examples: [
      { id: '0b9f6c1e-5a43-4f8e-9d0a-2f1f3c4d5e6f', slug: 'swimming', name: 'Swimming', description: 'Learn to swim', icon: 'waves', sort_order: 1, listing_count: 42 },
    ],
  },
)
export const ListCategoriesResponse = Type.Array(CategoryResponse, { examples: [(CategoryResponse as { examples?: unknown[] }).examples] })
export type CategoryResponse = Static<typeof CategoryResponse>

// ---- listing card: what lists, search and home feeds show ----
const cardExample = {
  id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  title: 'Swimming for beginners',
  type: 'class',
  category: { id: '0b9f6c1e-5a43-4f8e-9d0a-2f1f3c4d5e6f', slug: 'swimming', name: 'Swimming' },
  age_min: 5,
  age_max: 10,
  price: 149900,
  trial_available: true,
  city: 'Gurgaon',
  area: 'Sector 29',
  lat: 28.4595,
  lng: 77.0266,
  rating: { average: 4.6, count: 37 },
  image: 'https://res.cloudinary.com/rrray/image/upload/swim.jpg',
  partner: { id: '7d2e4a90-1b3c-4d5e-8f60-718293a4b5c6', business_name: 'Aqua Kids' },
  next_session_at: '2026-12-05T04:30:00.000Z',
}

export const ListingCard = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    type: ListingType,
    category: CategorySummary,
    age_min: Type.Integer(),
    age_max: Type.Integer(),
    price: Paise,
    trial_available: Type.Boolean(),
    city: Type.Union([Type.String(), Type.Null()]),
    area: Type.Union([Type.String(), Type.Null()]),
    lat: Type.Union([Type.Number(), Type.Null()]),
    lng: Type.Union([Type.Number(), Type.Null()]),
    rating: Rating,
    image: Type.Union([Type.String(), Type.Null()], { description: 'The first image, if any' }),
    partner: PartnerSummary,
    next_session_at: Type.Union([IsoDateTime, Type.Null()], { description: 'The next scheduled session, if any' }),
    distance_km: Type.Optional(Type.Number({ minimum: 0, description: 'Only when lat/lng/radius_km were given' })),
  },
  { examples: [cardExample] },
)
export type ListingCard = Static<typeof ListingCard>

// ---- search ----
export const SEARCH_SORTS = ['relevance', 'distance', 'price', 'rating', 'starting_soon'] as const

export const SearchListingsQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Free text; tolerates typos', examples: ['swiming'] })),
  city: Type.Optional(CityName),
  age: Type.Optional(Age),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Category slug or id', examples: ['swimming'] })),
  type: Type.Optional(ListingType),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, examples: [28.4595] })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180, examples: [77.0266] })),
  radius_km: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'With lat and lng', examples: [5] })),
  date_from: Type.Optional(Type.String({ format: 'date', description: 'Has a session on or after this day (venue time)', examples: ['2026-12-05'] })),
  date_to: Type.Optional(Type.String({ format: 'date', description: 'Has a session on or before this day (venue time)', examples: ['2026-12-06'] })),
  min_price: Type.Optional(Paise),
  max_price: Type.Optional(Paise),
  trial_only: Type.Optional(Type.Boolean({ description: 'Only listings offering a trial' })),
  sort: Type.Optional(
    Type.Enum([...SEARCH_SORTS], {
      description: 'relevance (default): text similarity when q is given, else rating then newest; distance needs lat/lng',
    }),
  ),
})
export type SearchListingsQuery = Static<typeof SearchListingsQuery>

const SearchPage = Page(ListingCard)
export const SearchListingsResponse = Type.Object(
  {
    ...SearchPage.properties,
    total_capped: Type.Boolean({
      description:
        'true when there are more matches than `total`: matches are counted up to 200 (or one past the asked page, ' +
        'if deeper), so `total` is then a lower bound. The cards and their order are always exact.',
    }),
  },
  { examples: [{ items: [cardExample], total: 1, total_capped: false, page: 1, page_size: 20 }] },
)
export type SearchListingsResponse = Static<typeof SearchListingsResponse>

// ---- listing detail ----
export const PlanOptionResponse = Type.Object({
  id: Uuid,
  kind: Type.Enum([...PLAN_KINDS]),
  name: Type.String(),
  price: Paise,
  credits_price: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  sessions_count: Type.Integer({ minimum: 1 }),
  validity_days: Type.Union([Type.Integer(), Type.Null()]),
})
export type PlanOptionResponse = Static<typeof PlanOptionResponse>

export const SessionResponse = Type.Object(
  {
    id: Uuid,
    starts_at: IsoDateTime,
    ends_at: IsoDateTime,
    capacity: Type.Integer({ minimum: 1 }),
    seats_left: Type.Integer({ minimum: 0 }),
  },
  { examples: [{ id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:30:00.000Z', capacity: 12, seats_left: 5 }] },
)
export type SessionResponse = Static<typeof SessionResponse>

const PartnerPublic = Type.Object({
  id: Uuid,
  business_name: Type.String(),
  logo_url: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(),
})

const VenuePublic = Type.Object({
  name: Type.String(),
  address: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
  city: Type.String(),
  state: Type.Union([Type.String(), Type.Null()]),
  pincode: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lng: Type.Number(),
  timezone: Type.String(),
})

export const ListingDetailResponse = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    description: Type.String(),
    type: ListingType,
    category: CategorySummary,
    age_min: Type.Integer(),
    age_max: Type.Integer(),
    price: Paise,
    trial_available: Type.Boolean(),
    trial_price: Type.Union([Paise, Type.Null()]),
    duration_minutes: Type.Integer(),
    what_to_bring: Type.Union([Type.String(), Type.Null()]),
    tags: Type.Array(Type.String()),
    images: Type.Array(Type.String()),
    is_online: Type.Boolean(),
    city: Type.Union([Type.String(), Type.Null()]),
    timezone: Type.String(),
    rating: Rating,
    cancellation_notice_hours: Type.Union([Type.Integer(), Type.Null()]),
    reschedule_notice_hours: Type.Union([Type.Integer(), Type.Null()]),
    partner: PartnerPublic,
    venue: Type.Union([VenuePublic, Type.Null()], { description: 'Null for online listings' }),
    plan_options: Type.Array(PlanOptionResponse),
    next_sessions: Type.Array(SessionResponse, { maxItems: 10 }),
  },
  {
    examples: [
      {
        ...cardExample,
        description: 'Small groups, certified coaches, a heated pool.',
        trial_price: 19900,
        duration_minutes: 45,
        what_to_bring: 'Swimsuit, cap, towel',
        tags: ['swimming', 'water'],
        images: ['https://res.cloudinary.com/rrray/image/upload/swim.jpg'],
        is_online: false,
        timezone: 'Asia/Kolkata',
        cancellation_notice_hours: 24,
        reschedule_notice_hours: 12,
        partner: { id: '7d2e4a90-1b3c-4d5e-8f60-718293a4b5c6', business_name: 'Aqua Kids', logo_url: null, city: 'Gurgaon', description: 'Swim school' },
        venue: { name: 'Aqua Kids Sector 29', address: 'Plot 4, Sector 29', area: 'Sector 29', city: 'Gurgaon', state: 'Haryana', pincode: '122001', lat: 28.4595, lng: 77.0266, timezone: 'Asia/Kolkata' },
        plan_options: [{ id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', kind: 'trial', name: 'Trial class', price: 19900, credits_price: 2, sessions_count: 1, validity_days: 14 }],
        next_sessions: [{ id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:15:00.000Z', capacity: 12, seats_left: 5 }],
      },
    ],
  },
)
export type ListingDetailResponse = Static<typeof ListingDetailResponse>

// ---- a listing's sessions ----
export const ListListingSessionsQuery = Type.Object({
  ...PageQuery.properties,
  date_from: Type.Optional(Type.String({ format: 'date', description: 'From this day, in the venue’s timezone', examples: ['2026-12-05'] })),
  date_to: Type.Optional(Type.String({ format: 'date', description: 'Up to and including this day, in the venue’s timezone', examples: ['2026-12-06'] })),
})
export type ListListingSessionsQuery = Static<typeof ListListingSessionsQuery>
export const ListListingSessionsResponse = Page(SessionResponse)

// ---- home feeds ----
export const HomeFeedQuery = Type.Object({
  city: Type.Optional(CityName),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
})
export type HomeFeedQuery = Static<typeof HomeFeedQuery>

export const AgeParams = Type.Object({ age: Age })

export const HomeFeedResponse = Type.Object({ items: Type.Array(ListingCard) }, { examples: [{ items: [cardExample] }] })

export const StartingSoonItem = Type.Object({
  ...ListingCard.properties,
  session: SessionResponse,
})
export type StartingSoonItem = Static<typeof StartingSoonItem>
export const StartingSoonResponse = Type.Object(
  { items: Type.Array(StartingSoonItem) },
  { examples: [{ items: [{ ...cardExample, session: { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', starts_at: '2026-12-05T04:30:00.000Z', ends_at: '2026-12-05T05:30:00.000Z', capacity: 12, seats_left: 5 } }] }] },
)
