// The invoices module's expected failures, each with its stable code.
import { NotFoundError } from '../../shared/errors.js'

export class InvoiceNotFoundError extends NotFoundError {
  constructor() {
    super('invoice', 'INVOICE_NOT_FOUND')
  }
}
