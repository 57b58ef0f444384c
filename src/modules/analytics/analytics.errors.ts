// The analytics module's expected failures, each with its stable code (a backwards range is financials' INVALID_DATE_RANGE).
import { UnprocessableError } from '../../shared/errors.js'

/** A time series or cohort table that would have more rows than a report shows. */
export class TooManyBucketsError extends UnprocessableError {
  constructor(what: string, count: number, max: number) {
    super('TOO_MANY_BUCKETS', `That range makes ${count} ${what}; at most ${max}: shorten the range or use a larger bucket`)
  }
}
