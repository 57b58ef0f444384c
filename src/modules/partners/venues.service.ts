// Venue use cases: a partner's places, located by the coordinates given or by geocoding the address.
import type { Db } from '../../db/database.js'
import { GeocodingError, type Coordinates, type Geocoder } from '../../integrations/google-maps/index.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import { getPartnerOfUser } from './partner-lookup.js'
import type { PartnerListingsPort, VenueSessionsPort } from './partner-ports.js'
import { canonicalTimeZone, geocodingQuery, localTimeLabel, type PostalAddress } from './venue-location.js'
import { AddressNotFoundError, GeocodingUnavailableError, InvalidTimeZoneError, LocationRequiredError, VenueHasSessionsError, VenueNotFoundError } from './venues.errors.js'
import { venuesRepository, type VenueChanges, type VenueRow } from './venues.repository.js'
import type { CreateVenueBody, UpdateVenueBody, VenueResponse } from './venues.schemas.js'

export interface VenuesServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  geocoder: Geocoder
  listings: PartnerListingsPort
  sessions: VenueSessionsPort
}

export type DeleteVenueOutcome = 'deleted' | 'archived'

export function toVenueResponse(row: VenueRow): VenueResponse {
  const { deleted_at: _deleted, created_at, updated_at, ...rest } = row
  return { ...rest, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() }
}

const clean = (text: string | null | undefined) => (typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') || null : text)
const ADDRESS_PARTS = ['address', 'area', 'city', 'state', 'pincode'] as const

function checkTimeZone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const zone = canonicalTimeZone(raw)
  if (!zone) throw new InvalidTimeZoneError(raw)
  return zone
}

function givenCoordinates(body: { lat?: number | undefined; lng?: number | undefined }): Coordinates | undefined {
  if (body.lat === undefined && body.lng === undefined) return undefined
  if (body.lat === undefined || body.lng === undefined) throw new LocationRequiredError('lat and lng go together')
  return { lat: body.lat, lng: body.lng }
}

export function createVenuesService(deps: VenuesServiceDeps) {
  const { db, clock, geocoder } = deps

  // an HTTP call: made before the transaction opens, never inside it
  async function locate(place: PostalAddress, why: string): Promise<Coordinates> {
    if (!geocoder.enabled) throw new LocationRequiredError(why)
    const query = geocodingQuery(place)
    try {
      const result = await geocoder.geocode(query)
      if (!result.found) throw new AddressNotFoundError(query)
      return result.location
    } catch (err) {
      if (err instanceof GeocodingError) throw new GeocodingUnavailableError(err.reason)
      throw err
    }
  }

  return {
    async createVenue(userId: string, body: CreateVenueBody): Promise<VenueResponse> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      const timezone = checkTimeZone(body.timezone) ?? 'Asia/Kolkata'
      const place = { address: clean(body.address)!, area: clean(body.area), city: clean(body.city)!, state: clean(body.state), pincode: body.pincode }
      const location = givenCoordinates(body) ?? (await locate(place, 'Geocoding is not configured on this server'))
      const now = clock.now()
      const row = await venuesRepository(db).insert({
        ...place,
        id: deps.ids.next(),
        partner_id: partnerId,
        name: clean(body.name)!,
        lat: location.lat,
        lng: location.lng,
        timezone,
        amenities: [...new Set((body.amenities ?? []).map((a) => a.trim()).filter(Boolean))],
        capacity_notes: clean(body.capacity_notes) ?? null,
        created_at: now,
        updated_at: now,
      })
      return toVenueResponse(row)
    },

    async listVenues(userId: string, query: PageQuery): Promise<PageOf<VenueResponse>> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      const { limit, offset } = pageOffset(query)
      const { items, total } = await venuesRepository(db).listOwned(partnerId, limit, offset)
      return { items: items.map(toVenueResponse), total, page: query.page, page_size: query.page_size }
    },

    async getVenue(userId: string, venueId: string): Promise<VenueResponse> {
      const partner = await getPartnerOfUser(db, userId)
      const row = await venuesRepository(db).findOwned(partner.id, venueId)
      if (!row) throw new VenueNotFoundError()
      return toVenueResponse(row)
    },

    /** A new city, position or time zone is copied to the venue's listings in the same transaction. */
    async updateVenue(userId: string, venueId: string, body: UpdateVenueBody): Promise<VenueResponse> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      const current = await venuesRepository(db).findOwned(partnerId, venueId)
      if (!current) throw new VenueNotFoundError()
      const changes: VenueChanges = {}
      for (const part of ADDRESS_PARTS) if (body[part] !== undefined) Object.assign(changes, { [part]: clean(body[part]) })
      if (body.name !== undefined) changes.name = clean(body.name)!
      if (body.capacity_notes !== undefined) changes.capacity_notes = clean(body.capacity_notes)
      if (body.amenities !== undefined) changes.amenities = [...new Set(body.amenities.map((a) => a.trim()).filter(Boolean))]
      const timezone = checkTimeZone(body.timezone)
      if (timezone) changes.timezone = timezone
      // clearing a part (area, state, pincode) refines nothing: only a new value moves the place
      const moved = ADDRESS_PARTS.some((part) => changes[part] != null && changes[part] !== current[part])
      const location = givenCoordinates(body) ?? (moved ? await locate({ ...current, ...changes } as PostalAddress, 'The address changed') : undefined)
      if (location) Object.assign(changes, location)

      const row = await db.transaction(async (tx) => {
        const repo = venuesRepository(tx)
        const locked = await repo.findOwned(partnerId, venueId, 'update')
        if (!locked) throw new VenueNotFoundError()
        const updated = await repo.update(venueId, { ...changes, updated_at: clock.now() })
        const relocated = (['city', 'lat', 'lng', 'timezone'] as const).some((k) => updated[k] !== locked[k])
        if (relocated) await deps.listings.copyVenueLocation(tx, updated, clock.now())
        return updated
      })
      return toVenueResponse(row)
    },

    /**
     * Refused while scheduled sessions are still to come there. A venue no listing points at is deleted; one that
     * listings (and so their bookings) still point at is archived: hidden from the partner, kept for history.
     */
    async deleteVenue(userId: string, venueId: string): Promise<DeleteVenueOutcome> {
      const partnerId = (await getPartnerOfUser(db, userId)).id
      return db.transaction(async (tx) => {
        const repo = venuesRepository(tx)
        const venue = await repo.findOwned(partnerId, venueId, 'update')
        if (!venue) throw new VenueNotFoundError()
        const now = clock.now()
        const upcoming = await deps.sessions.upcomingSessionsAt(tx, venueId, now)
        if (upcoming.count > 0 && upcoming.next)
          throw new VenueHasSessionsError(upcoming.count, `${localTimeLabel(upcoming.next, venue.timezone)}, ${upcoming.next.toISOString()}`)
        if ((await deps.listings.countVenueListings(tx, venueId)) === 0) {
          await repo.remove(venueId)
          return 'deleted'
        }
        await repo.update(venueId, { deleted_at: now, updated_at: now })
        return 'archived'
      })
    },
  }
}

export type VenuesService = ReturnType<typeof createVenuesService>
