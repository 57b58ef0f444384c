// The financials module's expected failures, each with its stable code.
import { UnprocessableError } from '../../shared/errors.js'

/** A summary range that runs backwards or spans too many days. */
export class InvalidDateRangeError extends UnprocessableError {
  constructor(message: string) {
    super('INVALID_DATE_RANGE', message)
  }
}
