// A partner's listings: create, edit, list, archive and submit for review. Only the owner ever sees one.
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { pageOffset, type PageOf } from '../../shared/schemas.js'
import { composeSearchText, ListingNotFoundError } from '../catalog/index.js'
import { assertPartnerCanPublish, findOwnedVenue, getPartnerOfUser } from '../partners/index.js'
import { reviewTriggeringChanges } from './listing-review.js'
import { transition } from './listing-status.js'
import { listingResponse, listingResponses } from './listing-views.js'
import { AgeRangeError, ListingPlaceError, UnknownCategoryError, UnknownVenueError } from './listings.errors.js'
import { listingsRepository, type CategoryRow, type ListingChanges, type ListingRow } from './listings.repository.js'
import type { CreateListingBody, ListingResponse, ListMyListingsQuery, UpdateListingBody } from './listings.schemas.js'

export interface ListingsServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
}

const clean = (text: string) => text.trim().replace(/\s+/g, ' ')
const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((t) => clean(t).toLowerCase()).filter(Boolean))]
const cleanOptional = (text: string | null | undefined) => (typeof text === 'string' ? text.trim() || null : text)

export async function getOwnedListing(executor: Executor, partnerId: string, listingId: string, lock?: 'update'): Promise<ListingRow> {
  const row = await listingsRepository(executor).findOwned(partnerId, listingId, lock)
  if (!row) throw new ListingNotFoundError()
  return row
}

/** The place columns a listing copies from its venue (null for online), so search reads one table. */
async function placeOf(executor: Executor, partnerId: string, venueId: string | null): Promise<Pick<ListingRow, 'venue_id' | 'is_online' | 'city' | 'lat' | 'lng' | 'timezone'>> {
  if (venueId === null) return { venue_id: null, is_online: true, city: null, lat: null, lng: null, timezone: 'Asia/Kolkata' }
  const venue = await findOwnedVenue(executor, partnerId, venueId)
  if (!venue) throw new UnknownVenueError()
  return { venue_id: venue.id, is_online: false, city: venue.city, lat: venue.lat, lng: venue.lng, timezone: venue.timezone }
}

/** venue_id and is_online together say where: exactly one of a venue or online. */
function chosenVenue(body: { venue_id?: string | undefined; is_online?: boolean | undefined }, current?: ListingRow): string | null | undefined {
  if (body.is_online === true && body.venue_id !== undefined) throw new ListingPlaceError('An online listing has no venue: send venue_id or is_online true, not both')
  if (body.venue_id !== undefined) return body.venue_id
  if (body.is_online === true) return null
  if (body.is_online === false && (!current || current.venue_id === null)) throw new ListingPlaceError('An in-person listing needs venue_id')
  if (!current && body.is_online === undefined) throw new ListingPlaceError('Send venue_id for an in-person listing, or is_online true')
  return undefined
}

async function categoryFor(executor: Executor, given: string): Promise<CategoryRow> {
  const category = await listingsRepository(executor).findCategory(given.trim())
  if (!category) throw new UnknownCategoryError(given)
  return category
}

function checkAges(min: number, max: number): void {
  if (min > max) throw new AgeRangeError(min, max)
}

export function createListingsService(deps: ListingsServiceDeps) {
  const { db, clock } = deps

  return {
    async createListing(userId: string, body: CreateListingBody): Promise<ListingResponse> {
      checkAges(body.age_min, body.age_max)
      const venueId = chosenVenue(body)
      return db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        const category = await categoryFor(tx, body.category)
        const place = await placeOf(tx, partner.id, venueId ?? null)
        const title = clean(body.title)
        const description = body.description?.trim() ?? ''
        const tags = cleanTags(body.tags ?? [])
        const trialAvailable = body.trial_available ?? false
        const now = clock.now()
        const row = await listingsRepository(tx).insert({
          id: deps.ids.next(),
          partner_id: partner.id,
          category_id: category.id,
          ...place,
          title,
          description,
          type: body.type,
          age_min: body.age_min,
          age_max: body.age_max,
          duration_minutes: body.duration_minutes ?? 60,
          what_to_bring: cleanOptional(body.what_to_bring) ?? null,
          tags,
          price: body.price,
          cancellation_notice_hours: body.cancellation_notice_hours ?? null,
          reschedule_notice_hours: body.reschedule_notice_hours ?? null,
          trial_available: trialAvailable,
          trial_price: trialAvailable ? (body.trial_price ?? null) : null,
          status: 'draft',
          search_text: composeSearchText({ title, description, partnerName: partner.business_name, categoryName: category.name, tags }),
          created_at: now,
          updated_at: now,
        })
        return listingResponse(tx, row)
      })
    },

    async listMyListings(userId: string, query: ListMyListingsQuery): Promise<PageOf<ListingResponse>> {
      const partner = await getPartnerOfUser(db, userId)
      const repo = listingsRepository(db)
      let categoryId: string | undefined
      if (query.category) {
        const category = await repo.findCategory(query.category)
        if (!category) return { items: [], total: 0, page: query.page, page_size: query.page_size }
        categoryId = category.id
      }
      const { limit, offset } = pageOffset(query)
      const { items, total } = await repo.list(
        { partnerId: partner.id, status: query.status, type: query.type, categoryId, titleContains: query.q?.trim() },
        limit,
        offset,
      )
      return { items: await listingResponses(db, items), total, page: query.page, page_size: query.page_size }
    },

    async getMyListing(userId: string, listingId: string): Promise<ListingResponse> {
      const partner = await getPartnerOfUser(db, userId)
      return listingResponse(db, await getOwnedListing(db, partner.id, listingId))
    },

    /** Partial update; a real change to a review-triggering field of an approved listing sends it back to review. */
    async updateListing(userId: string, listingId: string, body: UpdateListingBody): Promise<ListingResponse> {
      return db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        const current = await getOwnedListing(tx, partner.id, listingId, 'update')
        transition(current.status, 'edit') // an archived listing is not edited
        const changes: ListingChanges = {}
        if (body.title !== undefined) changes.title = clean(body.title)
        if (body.description !== undefined) changes.description = body.description.trim()
        if (body.type !== undefined) changes.type = body.type
        if (body.age_min !== undefined) changes.age_min = body.age_min
        if (body.age_max !== undefined) changes.age_max = body.age_max
        if (body.duration_minutes !== undefined) changes.duration_minutes = body.duration_minutes
        if (body.what_to_bring !== undefined) changes.what_to_bring = cleanOptional(body.what_to_bring)
        if (body.tags !== undefined) changes.tags = cleanTags(body.tags)
        if (body.price !== undefined) changes.price = body.price
        if (body.cancellation_notice_hours !== undefined) changes.cancellation_notice_hours = body.cancellation_notice_hours
        if (body.reschedule_notice_hours !== undefined) changes.reschedule_notice_hours = body.reschedule_notice_hours
        if (body.trial_available !== undefined) changes.trial_available = body.trial_available
        if (body.trial_price !== undefined) changes.trial_price = body.trial_price
        if ((changes.trial_available ?? current.trial_available) === false) changes.trial_price = null
        checkAges(changes.age_min ?? current.age_min, changes.age_max ?? current.age_max)

        const category = body.category !== undefined ? await categoryFor(tx, body.category) : undefined
        if (category) changes.category_id = category.id
        const venueId = chosenVenue(body, current)
        if (venueId !== undefined) Object.assign(changes, await placeOf(tx, partner.id, venueId))

        const reviewed = reviewTriggeringChanges(current, changes)
        changes.status = transition(current.status, reviewed.length > 0 ? 'review_edit' : 'edit')
        const categoryName = (category ?? (await listingsRepository(tx).findCategoryById(current.category_id)))?.name
        changes.search_text = composeSearchText({
          title: changes.title ?? current.title,
          description: changes.description ?? current.description,
          partnerName: partner.business_name,
          categoryName,
          tags: changes.tags ?? current.tags,
        })
        changes.updated_at = clock.now()
        return listingResponse(tx, await listingsRepository(tx).update(current.id, changes))
      })
    },

    /** DELETE archives: bookings keep their listing; refunds for booked sessions are the bookings' rules. */
    async archiveListing(userId: string, listingId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        const current = await getOwnedListing(tx, partner.id, listingId, 'update')
        if (current.status === 'archived') return
        await listingsRepository(tx).update(current.id, { status: transition(current.status, 'archive'), updated_at: clock.now() })
      })
    },

    /** draft or rejected → pending_approval; only an active, KYC-verified partner may (409 KYC_NOT_VERIFIED). */
    async submitListing(userId: string, listingId: string): Promise<ListingResponse> {
      return db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        const current = await getOwnedListing(tx, partner.id, listingId, 'update')
        const status = transition(current.status, 'submit')
        await assertPartnerCanPublish(tx, partner.id)
        const row = await listingsRepository(tx).update(current.id, { status, rejection_reason: null, updated_at: clock.now() })
        return listingResponse(tx, row)
      })
    },
  }
}

export type ListingsService = ReturnType<typeof createListingsService>
