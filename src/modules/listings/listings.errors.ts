// Expected failures of listings and their media, each with its stable code.
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class MediaNotFoundError extends NotFoundError {
  constructor() {
    super('media', 'MEDIA_NOT_FOUND')
  }
}

const EVENT_WORDS: Record<string, string> = {
  submit: 'submitted for review',
  approve: 'approved',
  reject: 'rejected',
  edit: 'edited',
  review_edit: 'edited',
  archive: 'archived',
}

export class ListingStatusConflictError extends ConflictError {
  constructor(readonly listingStatus: string, readonly event: string) {
    super(
      listingStatus === 'archived' ? 'LISTING_ARCHIVED' : 'LISTING_STATUS_CONFLICT',
      `A listing that is ${listingStatus.replace('_', ' ')} cannot be ${EVENT_WORDS[event] ?? event}`,
    )
  }
}

export class UnknownCategoryError extends UnprocessableError {
  constructor(given: string) {
    super('UNKNOWN_CATEGORY', `No active category has the id or slug "${given.slice(0, 80)}"`)
  }
}

export class UnknownVenueError extends UnprocessableError {
  constructor() {
    super('UNKNOWN_VENUE', 'venue_id must be one of your venues')
  }
}

export class ListingPlaceError extends UnprocessableError {
  constructor(message: string) {
    super('VENUE_OR_ONLINE_REQUIRED', message)
  }
}

export class AgeRangeError extends UnprocessableError {
  constructor(min: number, max: number) {
    super('INVALID_AGE_RANGE', `age_min (${min}) must not be above age_max (${max})`)
  }
}

export class ListingRejectionReasonRequiredError extends UnprocessableError {
  constructor() {
    super('REASON_REQUIRED', 'A reason is required to reject a listing; the partner sees it')
  }
}

export class TooManyImagesError extends ConflictError {
  constructor(limit: number, current: number) {
    super('TOO_MANY_IMAGES', `At most ${limit} images are allowed here; there are ${current} already`)
  }
}

export class NotAnImageError extends UnprocessableError {
  constructor() {
    super('UNSUPPORTED_IMAGE_TYPE', 'Only JPEG, PNG and WebP images are accepted (judged by the file’s content, not its name)')
  }
}

export class FileRequiredError extends UnprocessableError {
  constructor() {
    super('FILE_REQUIRED', 'Send the image as a multipart/form-data file part')
  }
}

export class MediaOrderError extends UnprocessableError {
  constructor() {
    super('INVALID_MEDIA_ORDER', 'media_ids must list every image of the listing exactly once')
  }
}

export class MediaStorageUnavailableError extends AppError {
  constructor() {
    super('unavailable', 'MEDIA_STORAGE_UNAVAILABLE', 'Image storage is unavailable; please try again later')
  }
}

export class CategoryNotFoundError extends NotFoundError {
  constructor() {
    super('category', 'CATEGORY_NOT_FOUND')
  }
}

export class CategorySlugTakenError extends ConflictError {
  constructor(slug: string) {
    super('CATEGORY_SLUG_TAKEN', `Another category already has the slug "${slug}"`)
  }
}

export class NoCategoryChangesError extends UnprocessableError {
  constructor() {
    super('NO_CHANGES', 'Send at least one field to change')
  }
}
