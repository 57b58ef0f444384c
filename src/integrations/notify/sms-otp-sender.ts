// Sign-in codes for phones through an SmsSender; a refused or failed delivery is logged, never thrown.
import type { SmsSender } from '../sms/sms-sender.js'
import type { OtpSender, ProviderLogger } from './otp-sender.js'

export function createSmsOtpSender(options: { sms: SmsSender; logger: ProviderLogger }): OtpSender {
  return {
    async send(message) {
      try {
        const { messageId } = await options.sms.sendOtp(message.to, message.code, message.expiresInMinutes)
        options.logger.info({ channel: 'phone', message_id: messageId }, 'OTP SMS accepted')
      } catch (err) {
        options.logger.error({ err, channel: 'phone' }, 'OTP SMS delivery failed')
      }
    },
  }
}
