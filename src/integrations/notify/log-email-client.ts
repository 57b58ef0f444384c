// The offline email provider: one log line per mail (its subject only; bodies may hold personal details).
import type { ProviderLogger } from './otp-sender.js'
import type { EmailClient } from './sendgrid-client.js'

export function createLogEmailClient(options: { logger: ProviderLogger }): EmailClient {
  return {
    async sendEmail(message) {
      options.logger.info({ channel: 'email', subject: message.subject }, 'email (log provider)')
      return { messageId: undefined }
    },
  }
}
