// The AI advisor's expected failures, each with its stable code.
import { NotFoundError, TooManyRequestsError } from '../../shared/errors.js'

export class ConversationNotFoundError extends NotFoundError {
  constructor() {
    super('conversation', 'CONVERSATION_NOT_FOUND')
  }
}

export class AdvisorDailyLimitError extends TooManyRequestsError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(`You have asked the advisor ${limit} questions today; ask again after midnight (India time)`, retryAfterSeconds, 'ADVISOR_DAILY_LIMIT')
  }
}
