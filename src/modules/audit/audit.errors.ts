// Expected failures of the audit trail's reads.
import { UnprocessableError } from '../../shared/errors.js'

export class AuditDateRangeError extends UnprocessableError {
  constructor() {
    super('INVALID_DATE_RANGE', '`to` must be on or after `from`')
  }
}
