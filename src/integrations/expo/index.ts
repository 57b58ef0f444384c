// Push by PUSH_PROVIDER: Expo's push service, or the log (the default).
import type { Config } from '../../config.js'
import type { ProviderLogger } from '../notify/otp-sender.js'
import { createExpoPushClient, createLogPushClient, type PushClient } from './push-client.js'

export { createExpoPushClient, createLogPushClient, isExpoPushToken, PushDeliveryError, type PushClient, type PushMessage, type PushReceipt, type PushTicket } from './push-client.js'

export function createPushClient(config: Config, logger: ProviderLogger): PushClient {
  if (config.push.provider === 'expo') return createExpoPushClient({ apiBase: config.push.apiBase, accessToken: config.push.accessToken })
  return createLogPushClient({ logger })
}
