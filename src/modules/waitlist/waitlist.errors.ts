// The waitlist's expected failures, each with its stable code.
import { ConflictError, NotFoundError } from '../../shared/errors.js'

export class WaitlistEntryNotFoundError extends NotFoundError {
  constructor() {
    super('waitlist entry', 'WAITLIST_ENTRY_NOT_FOUND')
  }
}

export class SessionHasSeatsError extends ConflictError {
  constructor() {
    super('SESSION_HAS_SEATS', 'This session still has seats: book it instead')
  }
}

export class AlreadyWaitlistedError extends ConflictError {
  constructor() {
    super('ALREADY_WAITLISTED', 'You are already on this session’s waitlist')
  }
}

export class NoActiveOfferError extends ConflictError {
  constructor() {
    super('NO_ACTIVE_OFFER', 'There is no live offer of seats for this waitlist entry')
  }
}
