// Sign-in codes by email through an EmailClient; a refused or failed delivery is logged, never thrown.
import type { EmailClient } from './sendgrid-client.js'
import type { OtpSender, ProviderLogger } from './otp-sender.js'

export function createEmailOtpSender(options: { email: EmailClient; logger: ProviderLogger }): OtpSender {
  return {
    async send(message) {
      try {
        const { messageId } = await options.email.sendEmail({
          to: message.to,
          subject: 'Your RRRAY sign-in code',
          text: `Your RRRAY sign-in code is ${message.code}. It expires in ${message.expiresInMinutes} minutes. If you did not ask for it, ignore this email.`,
        })
        options.logger.info({ channel: 'email', message_id: messageId }, 'OTP email accepted')
      } catch (err) {
        options.logger.error({ err, channel: 'email' }, 'OTP email delivery failed')
      }
    },
  }
}

/** Routes each message by channel: phones and emails may use different providers. */
export function createChannelOtpSender(byChannel: { phone: OtpSender; email: OtpSender }): OtpSender {
  return { send: (message) => byChannel[message.channel].send(message) }
}
