// OTP delivery: the log provider (dev/test), SendGrid for emails (NOTIFY_PROVIDER=email), the SMS provider for phones
// (SMS_PROVIDER msg91/twilio); and the email client notifications use.
import type { Config } from '../../config.js'
import { createChannelOtpSender, createEmailOtpSender } from './email-otp-sender.js'
import { createLogOtpSender, type OtpSender, type ProviderLogger } from './otp-sender.js'
import { createSendGridClient, type EmailClient } from './sendgrid-client.js'
import { createLogEmailClient } from './log-email-client.js'
import { createSmsOtpSender } from './sms-otp-sender.js'
import type { SmsSender } from '../sms/sms-sender.js'

export type { OtpMessage, OtpSender, ProviderLogger } from './otp-sender.js'
export { createLogOtpSender } from './otp-sender.js'
export { createEmailOtpSender, createChannelOtpSender } from './email-otp-sender.js'
export { createLogEmailClient } from './log-email-client.js'
export { createSmsOtpSender } from './sms-otp-sender.js'
export { createSendGridClient, EmailDeliveryError, parseSender, type EmailClient, type EmailMessage } from './sendgrid-client.js'

export function createOtpSender(config: Config, logger: ProviderLogger, sms?: SmsSender): OtpSender {
  const log = createLogOtpSender({ logger, revealCodes: config.appEnv === 'dev' || config.appEnv === 'test' })
  const phone = sms && config.sms.provider !== 'log' ? createSmsOtpSender({ sms, logger }) : log
  const emailClient = createNotificationEmailClient(config, logger)
  const email = config.notify.provider === 'email' && config.notify.sendgridApiKey ? createEmailOtpSender({ email: emailClient, logger }) : log
  return createChannelOtpSender({ phone, email })
}

/** SendGrid when NOTIFY_PROVIDER=email and SENDGRID_API_KEY are set; otherwise the log. */
export function createNotificationEmailClient(config: Config, logger: ProviderLogger): EmailClient {
  if (config.notify.provider !== 'email' || !config.notify.sendgridApiKey) return createLogEmailClient({ logger })
  return createSendGridClient({ apiKey: config.notify.sendgridApiKey, apiBase: config.notify.sendgridApiBase, from: config.notify.fromEmail })
}
