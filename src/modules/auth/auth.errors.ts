// The auth module's expected failures, each with a stable code for the apps.
import { AppError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, UnprocessableError } from '../../shared/errors.js'

export class InvalidIdentifierError extends UnprocessableError {
  constructor() {
    super('INVALID_IDENTIFIER', 'Enter an Indian mobile number (10 digits, starting 6-9) or an email address')
  }
}

export class OtpInvalidError extends UnauthorizedError {
  constructor() {
    super('Invalid or already used code', 'OTP_INVALID')
  }
}

export class OtpExpiredError extends UnauthorizedError {
  constructor() {
    super('This code has expired; ask for a new one', 'OTP_EXPIRED')
  }
}

export class OtpLockedError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('Too many wrong codes; ask for a new one', retryAfterSeconds, 'OTP_LOCKED')
  }
}

export class OtpResendTooSoonError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(`Wait ${Math.ceil(retryAfterSeconds)} s before asking for another code`, retryAfterSeconds, 'OTP_RESEND_TOO_SOON')
  }
}

export class OtpHourlyLimitError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('Too many codes asked for this number or email; try again later', retryAfterSeconds, 'OTP_SEND_LIMIT')
  }
}

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('Incorrect email or password', 'INVALID_CREDENTIALS')
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this email already exists')
  }
}

export class PhoneTakenError extends ConflictError {
  constructor() {
    super('PHONE_TAKEN', 'An account with this phone number already exists')
  }
}

export class WeakPasswordError extends UnprocessableError {
  constructor(reason: string) {
    super('WEAK_PASSWORD', reason)
  }
}

export class InvalidPhoneError extends UnprocessableError {
  constructor() {
    super('INVALID_PHONE', 'Enter an Indian mobile number: 10 digits starting 6-9, optionally with +91')
  }
}

export class InvalidDateOfBirthError extends UnprocessableError {
  constructor(reason: string) {
    super('INVALID_DATE_OF_BIRTH', reason)
  }
}

export class InvalidEmailError extends UnprocessableError {
  constructor(message = 'Enter a valid email address') {
    super('INVALID_EMAIL', message)
  }
}

/** Too many logins from one IP; the route's own limiter counts them. */
export class SignInAttemptsLimitError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(`Too many sign-in attempts; try again in ${retryAfterSeconds} s`, retryAfterSeconds)
  }
}

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('user', 'USER_NOT_FOUND')
  }
}

export class ChildNotFoundError extends NotFoundError {
  constructor() {
    super('child', 'CHILD_NOT_FOUND')
  }
}

export class GoogleNotConfiguredError extends AppError {
  constructor() {
    super('unavailable', 'GOOGLE_NOT_CONFIGURED', 'Google sign-in is not configured on this server')
  }
}

export class GoogleUnavailableError extends AppError {
  constructor() {
    super('unavailable', 'GOOGLE_UNAVAILABLE', 'Google sign-in is unavailable; try again shortly')
  }
}

export class GoogleTokenInvalidError extends UnauthorizedError {
  constructor(message = 'Invalid Google ID token', code = 'GOOGLE_TOKEN_INVALID') {
    super(message, code)
  }
}

export class GoogleAccountConflictError extends ConflictError {
  constructor() {
    super('GOOGLE_ACCOUNT_CONFLICT', 'This email belongs to an account linked to another Google account')
  }
}

/** Admins are suspended by removing ADMIN_EMAILS / the role, never by another admin from the API; nobody suspends themselves. */
export class CannotSuspendAdminError extends ForbiddenError {
  constructor(self: boolean) {
    super(
      self ? 'You cannot suspend your own account' : 'An admin account cannot be suspended from the API',
      self ? 'CANNOT_SUSPEND_SELF' : 'CANNOT_SUSPEND_ADMIN',
    )
  }
}

export class UserAlreadySuspendedError extends ConflictError {
  constructor() {
    super('USER_ALREADY_SUSPENDED', 'This account is already suspended')
  }
}

export class UserNotSuspendedError extends ConflictError {
  constructor() {
    super('USER_NOT_SUSPENDED', 'This account is not suspended')
  }
}

export class InvalidSignupRangeError extends UnprocessableError {
  constructor() {
    super('INVALID_DATE_RANGE', '`signed_up_to` must be on or after `signed_up_from`')
  }
}
