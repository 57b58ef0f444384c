// Uploaded images: checked by their bytes, stored outside any transaction, then recorded (and mirrored) in one.
import type { Db } from '../../db/database.js'
import type { MediaStorage } from '../../integrations/media-storage/index.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { findOwnedVenue, getPartnerOfUser, VenueNotFoundError } from '../partners/index.js'
import { createImageStore, type StoredUpload, type UploadedFile } from './image-store.js'
import { transition } from './listing-status.js'
import { toMediaResponse } from './listing-views.js'
import { getOwnedListing } from './listings.service.js'
import { MediaNotFoundError, MediaOrderError, TooManyImagesError } from './listings.errors.js'
import { mediaRepository, type NewMediaRow } from './media.repository.js'
import type { MediaListResponse, MediaResponse } from './listings.schemas.js'

/** At most this many images per listing, and photos per venue. */
export const MAX_IMAGES = 10
/** Each image at most 5 MB; the multipart parser stops reading past it (413). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

export interface MediaLogger {
  warn(details: object, message: string): void
}

export interface MediaServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  storage: MediaStorage
  logger: MediaLogger
}

export function createMediaService(deps: MediaServiceDeps) {
  const { db, clock } = deps
  const { checkImages, storeThenRecord, removeStored } = createImageStore(deps)

  const rowOf = (s: StoredUpload, partnerId: string, position: number, at: Date): NewMediaRow => ({
    id: s.id,
    partner_id: partnerId,
    kind: 'listing_image',
    url: s.url,
    storage: s.storage,
    storage_key: s.key,
    content_type: s.image.contentType,
    bytes: s.image.bytes.length,
    position,
    created_at: at,
  })

  return {
    async uploadListingImages(userId: string, listingId: string, files: readonly UploadedFile[]): Promise<MediaListResponse> {
      const images = checkImages(files)
      const partner = await getPartnerOfUser(db, userId)
      const listing = await getOwnedListing(db, partner.id, listingId)
      transition(listing.status, 'edit')
      const owner = { kind: 'listing_image', listingId } as const
      const existing = await mediaRepository(db).count(owner)
      if (existing + images.length > MAX_IMAGES) throw new TooManyImagesError(MAX_IMAGES, existing)

      return storeThenRecord(images, 'listings', (stored) =>
        db.transaction(async (tx) => {
          // the listing row lock makes the count and the insert one step against concurrent uploads
          transition((await getOwnedListing(tx, partner.id, listingId, 'update')).status, 'edit')
          const repo = mediaRepository(tx)
          const count = await repo.count(owner)
          if (count + stored.length > MAX_IMAGES) throw new TooManyImagesError(MAX_IMAGES, count)
          const now = clock.now()
          await repo.insertMany(stored.map((s, i) => ({ ...rowOf(s, partner.id, count + i, now), listing_id: listingId })))
          return { items: (await repo.mirrorListingImages(listingId, now)).map(toMediaResponse) }
        }),
      )
    },

    async deleteListingImage(userId: string, listingId: string, mediaId: string): Promise<void> {
      const removed = await db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        transition((await getOwnedListing(tx, partner.id, listingId, 'update')).status, 'edit')
        const repo = mediaRepository(tx)
        const row = await repo.find({ kind: 'listing_image', listingId }, mediaId)
        if (!row) throw new MediaNotFoundError()
        await repo.remove(row.id)
        const rest = await repo.list({ kind: 'listing_image', listingId })
        await repo.setPositions(rest.map((r) => r.id))
        await repo.mirrorListingImages(listingId, clock.now())
        return row
      })
      await removeStored([removed.storage_key])
    },

    /** media_ids must name every image of the listing exactly once; the first becomes the cover. */
    async reorderListingImages(userId: string, listingId: string, mediaIds: readonly string[]): Promise<MediaListResponse> {
      return db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        transition((await getOwnedListing(tx, partner.id, listingId, 'update')).status, 'edit')
        const repo = mediaRepository(tx)
        const current = new Set((await repo.list({ kind: 'listing_image', listingId })).map((r) => r.id))
        const given = new Set(mediaIds)
        if (given.size !== mediaIds.length || given.size !== current.size || mediaIds.some((id) => !current.has(id))) throw new MediaOrderError()
        await repo.setPositions(mediaIds)
        return { items: (await repo.mirrorListingImages(listingId, clock.now())).map(toMediaResponse) }
      })
    },

    /** Replaces the partner's logo; the previous file is removed once the new one is recorded. */
    async uploadPartnerLogo(userId: string, file: UploadedFile | undefined): Promise<{ logo_url: string }> {
      const images = checkImages(file ? [file] : [])
      const partner = await getPartnerOfUser(db, userId)
      const previous = await storeThenRecord(images, 'logos', (stored) =>
        db.transaction(async (tx) => {
          const repo = mediaRepository(tx)
          const old = await repo.findLogo(partner.id)
          if (old) await repo.remove(old.id)
          const now = clock.now()
          await repo.insertMany([{ ...rowOf(stored[0]!, partner.id, 0, now), kind: 'partner_logo' }])
          await repo.setPartnerLogo(partner.id, stored[0]!.url, now)
          return { old, url: stored[0]!.url }
        }),
      )
      if (previous.old) await removeStored([previous.old.storage_key])
      return { logo_url: previous.url }
    },

    async uploadVenuePhotos(userId: string, venueId: string, files: readonly UploadedFile[]): Promise<MediaListResponse> {
      const images = checkImages(files)
      const partner = await getPartnerOfUser(db, userId)
      if (!(await findOwnedVenue(db, partner.id, venueId))) throw new VenueNotFoundError()
      const owner = { kind: 'venue_photo', venueId } as const
      const existing = await mediaRepository(db).count(owner)
      if (existing + images.length > MAX_IMAGES) throw new TooManyImagesError(MAX_IMAGES, existing)
      return storeThenRecord(images, 'venues', (stored) =>
        db.transaction(async (tx) => {
          const repo = mediaRepository(tx)
          await repo.lockVenue(venueId)
          if (!(await findOwnedVenue(tx, partner.id, venueId))) throw new VenueNotFoundError()
          const count = await repo.count(owner)
          if (count + stored.length > MAX_IMAGES) throw new TooManyImagesError(MAX_IMAGES, count)
          const now = clock.now()
          await repo.insertMany(stored.map((s, i) => ({ ...rowOf(s, partner.id, count + i, now), kind: 'venue_photo' as const, venue_id: venueId })))
          return { items: (await repo.list(owner)).map(toMediaResponse) }
        }),
      )
    },

    async listVenuePhotos(userId: string, venueId: string): Promise<MediaListResponse> {
      const partner = await getPartnerOfUser(db, userId)
      if (!(await findOwnedVenue(db, partner.id, venueId))) throw new VenueNotFoundError()
      return { items: (await mediaRepository(db).list({ kind: 'venue_photo', venueId })).map(toMediaResponse) }
    },

    async deleteVenuePhoto(userId: string, venueId: string, mediaId: string): Promise<void> {
      const removed = await db.transaction(async (tx) => {
        const partner = await getPartnerOfUser(tx, userId)
        if (!(await findOwnedVenue(tx, partner.id, venueId))) throw new VenueNotFoundError()
        const repo = mediaRepository(tx)
        const row = await repo.find({ kind: 'venue_photo', venueId }, mediaId)
        if (!row) throw new MediaNotFoundError()
        await repo.remove(row.id)
        await repo.setPositions((await repo.list({ kind: 'venue_photo', venueId })).map((r) => r.id))
        return row
      })
      await removeStored([removed.storage_key])
    },
  }
}

export type MediaService = ReturnType<typeof createMediaService>
export type { MediaResponse, UploadedFile }
