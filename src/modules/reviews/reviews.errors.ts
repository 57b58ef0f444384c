// The reviews module's expected failures, each with its stable code.
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import { REVIEW_EDIT_DAYS, REVIEW_PHOTOS_MAX } from './review-rules.js'

export class ReviewNotFoundError extends NotFoundError {
  constructor() {
    super('review', 'REVIEW_NOT_FOUND')
  }
}

export class BookingNotAttendedError extends UnprocessableError {
  constructor() {
    super('BOOKING_NOT_ATTENDED', 'A booking can be reviewed once a child attended one of its sessions')
  }
}

export class ReviewExistsError extends ConflictError {
  constructor() {
    super('REVIEW_EXISTS', 'This booking already has a review: edit it instead')
  }
}

export class ReviewEditWindowClosedError extends ConflictError {
  constructor() {
    super('REVIEW_EDIT_WINDOW_CLOSED', `A review can be edited for ${REVIEW_EDIT_DAYS} days after it was written`)
  }
}

export class NoReviewChangesError extends UnprocessableError {
  constructor() {
    super('NO_CHANGES', 'Send rating or text to change')
  }
}

export class ReviewAlreadyRepliedError extends ConflictError {
  constructor() {
    super('REVIEW_ALREADY_REPLIED', 'This review already has your reply')
  }
}

export class ReviewAlreadyHiddenError extends ConflictError {
  constructor() {
    super('REVIEW_ALREADY_HIDDEN', 'This review is already hidden')
  }
}

export class ReviewNotHiddenError extends ConflictError {
  constructor() {
    super('REVIEW_NOT_HIDDEN', 'This review is not hidden')
  }
}

export class TooManyReviewPhotosError extends ConflictError {
  constructor(existing: number) {
    super('TOO_MANY_PHOTOS', `A review may have at most ${REVIEW_PHOTOS_MAX} photos (it has ${existing})`)
  }
}

export class ReviewPhotoNotFoundError extends NotFoundError {
  constructor() {
    super('review photo', 'REVIEW_PHOTO_NOT_FOUND')
  }
}
