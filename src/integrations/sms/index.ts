// SMS by SMS_PROVIDER: MSG91 (DLT templates), Twilio, or the log (the default).
import type { Config } from '../../config.js'
import type { ProviderLogger } from '../notify/otp-sender.js'
import { createMsg91Client } from './msg91-client.js'
import { createTwilioClient } from './twilio-client.js'
import { createLogSmsSender, type SmsSender } from './sms-sender.js'

export { createLogSmsSender, SmsDeliveryError, type SmsMessage, type SmsSender } from './sms-sender.js'
export { createMsg91Client, type Msg91Options } from './msg91-client.js'
export { createTwilioClient, type TwilioOptions } from './twilio-client.js'

export function createSmsSender(config: Config, logger: ProviderLogger): SmsSender {
  const { sms } = config
  if (sms.provider === 'msg91') return createMsg91Client(sms.msg91)
  if (sms.provider === 'twilio') return createTwilioClient(sms.twilio)
  return createLogSmsSender({ logger, revealCodes: config.appEnv === 'dev' || config.appEnv === 'test' })
}
