// Failures the public catalog reports, with their stable codes.
import { NotFoundError, UnprocessableError } from '../../shared/errors.js'

/** Declared here rather than in listings: listings, scheduling and bookings depend on catalog, and catalog on none of them. */
export class ListingNotFoundError extends NotFoundError {
  constructor() {
    super('listing', 'LISTING_NOT_FOUND')
  }
}

/** Query parameters that are each well-formed but do not make sense together (min_price > max_price, …). */
export class InvalidSearchFilterError extends UnprocessableError {
  constructor(message: string) {
    super('INVALID_SEARCH_FILTER', message)
  }
}
