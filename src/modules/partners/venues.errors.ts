// Expected failures of venue management, each with its stable code.
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class VenueNotFoundError extends NotFoundError {
  constructor() {
    super('venue', 'VENUE_NOT_FOUND')
  }
}

export class LocationRequiredError extends UnprocessableError {
  constructor(why: string) {
    super('LOCATION_REQUIRED', `${why}: send lat and lng`)
  }
}

export class AddressNotFoundError extends UnprocessableError {
  constructor(query: string) {
    super('ADDRESS_NOT_FOUND', `No place matches the address "${query}"; check it, or send lat and lng`)
  }
}

export class InvalidTimeZoneError extends UnprocessableError {
  constructor(zone: string) {
    super('INVALID_TIMEZONE', `"${zone}" is not an IANA time zone name such as Asia/Kolkata`)
  }
}

export class GeocodingUnavailableError extends AppError {
  constructor(reason: string) {
    super('unavailable', 'GEOCODING_UNAVAILABLE', `Address lookup is unavailable right now (${reason}); try again, or send lat and lng`, { 'retry-after': '30' })
  }
}

export class VenueHasSessionsError extends ConflictError {
  constructor(count: number, next: string) {
    super('VENUE_HAS_SESSIONS', `This venue has ${count} upcoming session${count === 1 ? '' : 's'} (the next on ${next}); cancel or move them before deleting it`)
  }
}
