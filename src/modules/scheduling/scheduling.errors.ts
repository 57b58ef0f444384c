// Expected failures of the scheduling module, each with its stable code.
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class PlanOptionNotFoundError extends NotFoundError {
  constructor() {
    super('plan option', 'PLAN_OPTION_NOT_FOUND')
  }
}

export class BatchNotFoundError extends NotFoundError {
  constructor() {
    super('batch', 'BATCH_NOT_FOUND')
  }
}

export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('session', 'SESSION_NOT_FOUND')
  }
}

/** A plan option whose fields do not fit its kind (e.g. a pack of one session). */
export class InvalidPlanOptionError extends UnprocessableError {
  constructor(message: string) {
    super('INVALID_PLAN_OPTION', message)
  }
}

export class TrialOptionExistsError extends ConflictError {
  constructor() {
    super('TRIAL_OPTION_EXISTS', 'This listing already has an active trial option; edit or delete it first')
  }
}

export class PlanOptionInUseError extends ConflictError {
  constructor() {
    super('PLAN_OPTION_IN_USE', 'Bookings were made with this plan option, so its kind cannot change; add a new option instead')
  }
}

export class InvalidBatchError extends UnprocessableError {
  constructor(code: 'INVALID_BATCH_DATES' | 'INVALID_WEEKDAYS' | 'INVALID_TIME_ZONE', message: string) {
    super(code, message)
  }
}

export class BatchInactiveError extends ConflictError {
  constructor() {
    super('BATCH_INACTIVE', 'This batch was deleted and only keeps its booked sessions; it cannot be edited')
  }
}

export class InvalidSessionTimeError extends UnprocessableError {
  constructor(message: string) {
    super('INVALID_SESSION_TIME', message)
  }
}

export class SessionCancelledError extends ConflictError {
  constructor() {
    super('SESSION_CANCELLED', 'This session is cancelled and cannot be changed')
  }
}

export class SessionBookedError extends ConflictError {
  constructor() {
    super('SESSION_HAS_BOOKINGS', 'Families have booked this session, so its time cannot change; cancel it instead')
  }
}

export class CapacityBelowBookedError extends ConflictError {
  constructor(capacity: number, taken: number) {
    super('CAPACITY_BELOW_BOOKED', `Capacity ${capacity} is below the ${taken} seats already taken in a session; it can go down to ${taken} at most`)
  }
}

export class SessionInPastError extends ConflictError {
  constructor() {
    super('SESSION_IN_PAST', 'This session has already started; it can no longer be changed')
  }
}

export class BatchSessionTimeError extends ConflictError {
  constructor() {
    super('BATCH_SESSION_TIME_FIXED', 'This session comes from a batch: change the batch’s time, or cancel this session and add a one-off one')
  }
}
