// The waitlist's expected failures, each with its stable code.
import { ConflictError, NotFoundError } from '../../shared/errors.js'
import { ChildNotFoundError } from '../auth/index.js'
import { SessionNotBookableError } from '../bookings/index.js'
import { SessionNotFoundError } from '../scheduling/index.js'

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

// TODO(lead): remove after merge (waitlist.service.ts, not mine to edit, still calls these; use the classes)
export const entryNotFound = () => new WaitlistEntryNotFoundError()
export const sessionHasSeats = () => new SessionHasSeatsError()
export const alreadyWaitlisted = () => new AlreadyWaitlistedError()
export const noActiveOffer = () => new NoActiveOfferError()
export const sessionNotFound = () => new SessionNotFoundError()
export const childNotFound = () => new ChildNotFoundError()
export const sessionNotBookable = (why: string) => new SessionNotBookableError(why)
