// Public face of the listings module: app.ts wires its services and routes from here.
export { createListingsService, type ListingsService } from './listings.service.js'
export { createCategoriesService, type CategoriesService } from './categories.service.js'
export { createListingModerationService, type ListingModerationService } from './listing-moderation.service.js'
export { createMediaService, MAX_IMAGE_BYTES, MAX_IMAGES, type MediaService } from './media.service.js'
export { REVIEW_TRIGGERING_FIELDS } from './listing-review.js'
export { transition as transitionListingStatus, type ListingStatus, type ListingEvent } from './listing-status.js'
export { ListingResponse, AdminListingResponse, MediaResponse } from './listings.schemas.js'
export { listingsModule } from './listings.module.js'
export {
  findListingBookingFacts, findListingTitles, findPartnerListing, findPublicListing, listingZones, partnerListingIds, setListingRating, type ListingFacts,
} from './listing-queries.js'
export { partnerListings, venueListingIds } from './partner-listings.js'
// the one way uploaded images are taken (review photos use it too)
export { createImageStore, type ImageStore, type ImageStoreLogger, type UploadedFile } from './image-store.js'
export { IMAGE_UPLOAD_LIMITS, readFiles as readImageFiles, UPLOAD_RULES as IMAGE_UPLOAD_RULES } from './media.routes.js'
