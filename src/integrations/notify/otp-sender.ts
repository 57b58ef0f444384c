// How a one-time sign-in code reaches its owner. Implementations never throw to the caller: failures are logged.
import type { Logger } from 'pino'

export interface OtpMessage {
  readonly channel: 'phone' | 'email'
  /** E.164 phone number or lower-cased email address. */
  readonly to: string
  readonly code: string
  readonly expiresInMinutes: number
}

export interface OtpSender {
  /** Hands the code to its channel; resolves when done or failed (a failure is logged, never rejected). */
  send(message: OtpMessage): Promise<void>
}

export type ProviderLogger = Pick<Logger, 'info' | 'warn' | 'error'>

/** Only dev and test may write codes to the log: elsewhere a log line is readable by more people than the code's owner. */
export function createLogOtpSender(options: { logger: ProviderLogger; revealCodes: boolean }): OtpSender {
  return {
    async send(message) {
      if (options.revealCodes) {
        options.logger.info({ channel: message.channel, to: message.to, otp: message.code }, 'OTP (log provider)')
      } else {
        options.logger.warn({ channel: message.channel }, 'OTP not delivered: no delivery provider is configured for this channel')
      }
    },
  }
}
