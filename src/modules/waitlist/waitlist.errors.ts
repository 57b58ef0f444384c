// The waitlist's expected failures, each with its stable code.
import { ConflictError, NotFoundError } from '../../shared/errors.js'

export const sessionNotFound = () => new NotFoundError('session')
export const childNotFound = () => new NotFoundError('child')
export const entryNotFound = () => new NotFoundError('waitlist entry')
export const sessionHasSeats = () => new ConflictError('SESSION_HAS_SEATS', 'This session still has seats: book it instead')
export const sessionNotBookable = (why: string) => new ConflictError('SESSION_NOT_BOOKABLE', why)
export const alreadyWaitlisted = () => new ConflictError('ALREADY_WAITLISTED', 'You are already on this session’s waitlist')
export const noActiveOffer = () => new ConflictError('NO_ACTIVE_OFFER', 'There is no live offer of seats for this waitlist entry')
