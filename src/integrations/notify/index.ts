// OTP delivery: the log provider (dev/test) or SendGrid for emails; no SMS provider exists yet, so phones use the log one.
import type { Config } from '../../config.js'
import { createChannelOtpSender, createEmailOtpSender } from './email-otp-sender.js'
import { createLogOtpSender, type OtpSender, type ProviderLogger } from './otp-sender.js'
import { createSendGridClient } from './sendgrid-client.js'

export type { OtpMessage, OtpSender, ProviderLogger } from './otp-sender.js'
export { createLogOtpSender } from './otp-sender.js'
export { createEmailOtpSender, createChannelOtpSender } from './email-otp-sender.js'
export { createSendGridClient, EmailDeliveryError, parseSender, type EmailClient, type EmailMessage } from './sendgrid-client.js'

export function createOtpSender(config: Config, logger: ProviderLogger): OtpSender {
  const log = createLogOtpSender({ logger, revealCodes: config.appEnv === 'dev' || config.appEnv === 'test' })
  if (config.notify.provider !== 'email' || !config.notify.sendgridApiKey) return log
  const email = createSendGridClient({
    apiKey: config.notify.sendgridApiKey,
    apiBase: config.notify.sendgridApiBase,
    from: config.notify.fromEmail,
  })
  return createChannelOtpSender({ phone: log, email: createEmailOtpSender({ email, logger }) })
}
