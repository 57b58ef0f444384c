// Expected failures: services throw these; one handler (error-handler.ts) turns them into FastAPI-shaped answers.
export type ErrorKind = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many_requests' | 'unavailable'

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
}

export class AppError extends Error {
  readonly status: number
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine code for clients, e.g. SESSION_FULL. */
    readonly code: string,
    message: string,
    /** Extra headers for the answer, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
    this.status = STATUS[kind]
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, code = `${what.toUpperCase().replace(/\s+/g, '_')}_NOT_FOUND`) {
    super('not_found', code, `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} not found`)
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Not authenticated', code = 'NOT_AUTHENTICATED') {
    super('unauthorized', code, message, { 'www-authenticate': 'Bearer' })
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have access to this resource', code = 'FORBIDDEN') {
    super('forbidden', code, message)
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super('conflict', code, message)
  }
}

/** A business rule the input breaks (the body was well-formed). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string) {
    super('unprocessable', code, message)
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number, code = 'RATE_LIMITED') {
    super('too_many_requests', code, message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) })
  }
}

/** The process is too busy to answer in time: come back after `retryAfterSeconds` (load shedding). */
export class OverloadedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('unavailable', 'OVERLOADED', 'The server is busy; try again shortly', { 'retry-after': String(retryAfterSeconds) })
  }
}
