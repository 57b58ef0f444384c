// Every outside service the app talks to, behind an interface; main.ts picks real or offline clients from config.
import type { Config } from '../config.js'
import { systemClock, type Clock } from '../shared/clock.js'
import { createGoogleIdTokenVerifier, type GoogleIdTokenVerifier } from './google/index.js'
import { createGeocoder, type Geocoder } from './google-maps/index.js'
import { createNotificationEmailClient, createOtpSender, type EmailClient, type OtpSender, type ProviderLogger } from './notify/index.js'
import { createSmsSender, type SmsSender } from './sms/index.js'
import { createPushClient, type PushClient } from './expo/index.js'
import { createMediaStorage, type MediaStorage } from './media-storage/index.js'
import { createPaymentGateway, type PaymentGateway } from './razorpay/index.js'
import { createPayoutProvider, type PayoutProvider } from './razorpayx/index.js'
import { createChatModel, type ChatModel } from './llm/index.js'

export interface Providers {
  /** Sign-in codes by email (SendGrid) or the log (dev/test); never throws, failures are logged. */
  readonly otpSender: OtpSender
  /** Google Sign-In ID tokens. */
  readonly google: GoogleIdTokenVerifier
  /** Venue addresses to coordinates (Google Geocoding); disabled without GOOGLE_MAPS_API_KEY. */
  readonly geocoder: Geocoder
  /** Uploaded images: local disk under UPLOADS_DIR, or Cloudinary when CLOUDINARY_* is set. */
  readonly mediaStorage: MediaStorage
  /** Razorpay orders, payments and refunds (PAYMENTS_MODE test/live), or the offline mock. */
  readonly paymentGateway: PaymentGateway
  /** Partner payouts through RazorpayX (PAYOUTS_MODE razorpayx), or manual (nothing is called). */
  readonly payouts: PayoutProvider
  /** Notification emails: SendGrid (NOTIFY_PROVIDER=email) or the log. */
  readonly email: EmailClient
  /** Text messages: MSG91 or Twilio (SMS_PROVIDER), or the log. */
  readonly sms: SmsSender
  /** Push notifications: Expo (PUSH_PROVIDER=expo) or the log. */
  readonly push: PushClient
  /** The AI advisor's LLM (OpenAI-compatible chat completions), or disabled without a key: the advisor answers offline. */
  readonly chatModel: ChatModel
}

export interface ProviderContext {
  readonly logger: ProviderLogger
  readonly clock?: Clock
}

export function createProviders(config: Config, context: ProviderContext): Providers {
  const clock = context.clock ?? systemClock
  const sms = createSmsSender(config, context.logger)
  return {
    otpSender: createOtpSender(config, context.logger, sms),
    google: createGoogleIdTokenVerifier({ clientId: config.google.clientId, jwksUrl: config.google.jwksUrl, clock }),
    geocoder: createGeocoder(config.google),
    mediaStorage: createMediaStorage(config, clock),
    paymentGateway: createPaymentGateway(config.payments, clock),
    payouts: createPayoutProvider(config.payouts),
    email: createNotificationEmailClient(config, context.logger),
    sms,
    push: createPushClient(config, context.logger),
    chatModel: createChatModel(config.llm),
  }
}
