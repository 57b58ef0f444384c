import { AppError } from '../../shared/errors.js'

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
