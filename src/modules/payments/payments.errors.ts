import { AppError, NotFoundError } from '../../shared/errors.js'

export class InvalidSignatureError extends AppError {
  constructor() {
    super('bad_request', 'INVALID_SIGNATURE', 'The signature does not match the request body')
  }
}

export class InvalidWebhookError extends AppError {
  constructor(code: 'MISSING_EVENT_ID' | 'INVALID_PAYLOAD', message: string) {
    super('bad_request', code, message)
  }
}

/** Checkout's payment signature (order_id|payment_id with the key secret) does not match the stored order. */
export class InvalidPaymentSignatureError extends AppError {
  constructor() {
    super('bad_request', 'INVALID_SIGNATURE', 'The payment signature does not match this order')
  }
}

export class PaymentOrderNotFoundError extends NotFoundError {
  constructor() {
    super('payment order', 'PAYMENT_ORDER_NOT_FOUND')
  }
}
