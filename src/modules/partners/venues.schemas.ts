// Request and answer shapes of a partner's venues.
import Type, { type Static } from 'typebox'
import { IsoDateTime, Page, Uuid } from '../../shared/schemas.js'

const Text = (maxLength: number, extra: object = {}) => Type.String({ maxLength, ...extra })
const NullableText = (maxLength: number, extra: object = {}) => Type.Union([Text(maxLength, extra), Type.Null()])

const Name = Text(120, { minLength: 2, pattern: '\\S', examples: ['Bandra Studio'] })
const Address = Text(500, { minLength: 3, pattern: '\\S', examples: ['12 Hill Road, Bandra West'] })
const City = Text(80, { minLength: 2, pattern: '\\S', examples: ['Mumbai'] })
const Pincode = Text(6, { pattern: '^[1-9][0-9]{5}$', description: 'Indian PIN code: 6 digits, not starting with 0', examples: ['400050'] })
const Lat = Type.Number({ minimum: -90, maximum: 90, examples: [19.0596] })
const Lng = Type.Number({ minimum: -180, maximum: 180, examples: [72.8295] })
const TimeZone = Text(64, { description: 'IANA time zone the venue’s schedule lives in', examples: ['Asia/Kolkata'] })
const Amenities = Type.Array(Text(60, { minLength: 1 }), { maxItems: 30, examples: [['parking', 'washroom', 'air conditioning']] })

export const CreateVenueBody = Type.Object(
  {
    name: Name,
    address: Address,
    area: Type.Optional(Text(120, { examples: ['Bandra West'] })),
    city: City,
    state: Type.Optional(Text(80, { examples: ['Maharashtra'] })),
    pincode: Type.Optional(Pincode),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    timezone: Type.Optional(TimeZone),
    amenities: Type.Optional(Amenities),
    capacity_notes: Type.Optional(Text(1000, { examples: ['Room for 15 children and 5 parents'] })),
  },
  {
    additionalProperties: false,
    description: 'Without lat/lng the address is geocoded when the server has a Google Maps key; otherwise lat and lng are required.',
  },
)
export type CreateVenueBody = Static<typeof CreateVenueBody>

export const UpdateVenueBody = Type.Object(
  {
    name: Type.Optional(Name),
    address: Type.Optional(Address),
    area: Type.Optional(NullableText(120)),
    city: Type.Optional(City),
    state: Type.Optional(NullableText(80)),
    pincode: Type.Optional(Type.Union([Pincode, Type.Null()])),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    timezone: Type.Optional(TimeZone),
    amenities: Type.Optional(Amenities),
    capacity_notes: Type.Optional(NullableText(1000)),
  },
  {
    additionalProperties: false,
    description: 'Send only what changes. A changed address without lat/lng is geocoded again (or needs lat/lng when geocoding is off).',
  },
)
export type UpdateVenueBody = Static<typeof UpdateVenueBody>

const venueExample = {
  id: '9a1d3c52-6f0e-4b7c-8e2f-1d4c5b6a7e80',
  partner_id: '0b9f8c8e-5d4c-4f0e-9a53-3f1c2b7d9e10',
  name: 'Bandra Studio',
  address: '12 Hill Road',
  area: 'Bandra West',
  city: 'Mumbai',
  state: 'Maharashtra',
  pincode: '400050',
  lat: 19.0596,
  lng: 72.8295,
  timezone: 'Asia/Kolkata',
  amenities: ['parking', 'washroom'],
  capacity_notes: 'Room for 15 children',
  created_at: '2026-01-05T04:30:00.000Z',
  updated_at: '2026-01-05T04:30:00.000Z',
}

export const VenueResponse = Type.Object(
  {
    id: Uuid,
    partner_id: Uuid,
    name: Type.String(),
    address: Type.String(),
    area: Type.Union([Type.String(), Type.Null()]),
    city: Type.String(),
    state: Type.Union([Type.String(), Type.Null()]),
    pincode: Type.Union([Type.String(), Type.Null()]),
    lat: Type.Number(),
    lng: Type.Number(),
    timezone: Type.String(),
    amenities: Type.Array(Type.String()),
    capacity_notes: Type.Union([Type.String(), Type.Null()]),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
  },
  { examples: [venueExample] },
)
export type VenueResponse = Static<typeof VenueResponse>

export const VenuePage = Type.Object(Page(VenueResponse).properties, { examples: [{ items: [venueExample], total: 1, page: 1, page_size: 20 }] })
