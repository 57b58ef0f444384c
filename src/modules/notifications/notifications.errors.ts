// The notifications module's expected failures, each with its stable code.
import { NotFoundError, UnprocessableError } from '../../shared/errors.js'

export class NotificationNotFoundError extends NotFoundError {
  constructor() {
    super('notification', 'NOTIFICATION_NOT_FOUND')
  }
}

export class PushTokenNotFoundError extends NotFoundError {
  constructor() {
    super('push token', 'PUSH_TOKEN_NOT_FOUND')
  }
}

export class BroadcastNotFoundError extends NotFoundError {
  constructor() {
    super('broadcast', 'BROADCAST_NOT_FOUND')
  }
}

export class TransactionalNotificationError extends UnprocessableError {
  constructor(kind: string) {
    super('TRANSACTIONAL_NOTIFICATION', `${kind} is a transactional message (a receipt or confirmation) and cannot be turned off`)
  }
}

export class ChannelNotOfferedError extends UnprocessableError {
  constructor(kind: string, channel: string) {
    super('CHANNEL_NOT_OFFERED', `${kind} is not sent by ${channel}`)
  }
}

export class InvalidPushTokenError extends UnprocessableError {
  constructor() {
    super('INVALID_PUSH_TOKEN', 'token must be an Expo push token: ExponentPushToken[…]')
  }
}
