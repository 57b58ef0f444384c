// The composition root: platform plugins, then every service once (the dependency graph), then the modules they are
// handed to, then the modules' jobs. Production (main.ts), tests and benchmarks all build the app through this function.
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { Providers } from './integrations/index.js'
import type { Clock } from './shared/clock.js'
import type { IdGenerator } from './shared/ids.js'
import type { JobQueue } from './jobs/job-queue.js'
import { createAuthGuard, createTokenService } from './shared/auth.js'
import { createHttpServer } from './platform/http-server.js'
import { registerSecurity } from './platform/security.js'
import { registerLoadShedding } from './platform/load-shedding.js'
import { registerMetrics, registerMetricsRoute } from './platform/metrics.js'
import { registerOpenApi } from './platform/openapi.js'
import { registerUploads } from './platform/uploads.js'
import { registerReadReplicas } from './platform/read-replicas.js'
import { registerJobs, registerModules } from './platform/app-module.js'
import { healthModule } from './modules/health/index.js'
import { createCheckout, paymentsModule } from './modules/payments/index.js'
import { bookingsModule, createBookingsService } from './modules/bookings/index.js'
import { createSchedulingService, schedulingModule, venueSessions } from './modules/scheduling/index.js'
import { createOfferTrigger, createWaitlistService, waitlistModule } from './modules/waitlist/index.js'
import { createInvoicesService, invoicesModule } from './modules/invoices/index.js'
import { createFinancialsService, financialsModule } from './modules/financials/index.js'
import { analyticsModule, createAnalyticsService } from './modules/analytics/index.js'
import {
  createCreditsAdminService, createCreditWallet, createPlansService, createPurchasesService, createWalletService, creditsModule,
} from './modules/credits/index.js'
import { createCategoriesService, createListingModerationService, createListingsService, createMediaService, listingsModule, partnerListings } from './modules/listings/index.js'
import { catalogModule, createCatalogService } from './modules/catalog/index.js'
import { authModule, createAccountLookup, createAuthService, findUserContacts } from './modules/auth/index.js'
import {
  createBroadcastsService, createDeliveryService, createNotificationsService, createNotifier, notificationsModule, sendSessionReminders,
} from './modules/notifications/index.js'
import { createKycReviewService, createPartnersService, createSecretCipher, createVenuesService, partnersModule } from './modules/partners/index.js'
import { auditModule, createAuditService } from './modules/audit/index.js'
import { createSettingsService, settingsModule } from './modules/settings/index.js'
import { countPendingPayoutRequests, createPayoutsService, createRazorpayXPayouts, payoutsModule, payoutTotals } from './modules/payouts/index.js'
import { createWebhookIntake } from './modules/payments/index.js'
import { createUsersAdminService } from './modules/auth/index.js'
import { findLatestUserBookings, findPartnerBookingFigures } from './modules/bookings/index.js'
import { createPartnerAdminService } from './modules/partners/index.js'
import { usableCredits } from './modules/credits/index.js'
import { createReviewPhotosService, createReviewsService, reviewsModule } from './modules/reviews/index.js'
import { createWishlistService, wishlistModule } from './modules/wishlist/index.js'
import { aiAdvisorModule, createAdvisorService } from './modules/ai-advisor/index.js'
import { badgesModule, createBadgesService, createBadgeTrigger } from './modules/badges/index.js'

export type { RouteEntry } from './platform/route-inventory.js'

export interface AppDependencies {
  config: Config
  database: Database
  clock: Clock
  ids: IdGenerator
  providers: Providers
  /** Background work; buildApp registers the handlers, main.ts starts the workers after listen. */
  jobs: JobQueue
  /** Hooks for every route, added before any is registered: the tests check each answer against its schema; production adds none. */
  instrument?: (app: FastifyInstance) => void
}

export type App = FastifyInstance

export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, database, clock, ids, providers, jobs } = deps
  const db = database.db
  const app = createHttpServer(config)
  deps.instrument?.(app)
  registerMetrics(app, database)
  await registerLoadShedding(app, config)
  await registerSecurity(app, config)
  await registerOpenApi(app, config)
  await registerUploads(app, config)
  registerMetricsRoute(app, { token: config.metricsToken, jobs })
  // the public catalog's reads go to a healthy streaming replica when DATABASE_REPLICA_URLS names any
  const catalogReads = registerReadReplicas(app, config, database)

  const tokens = createTokenService({ secret: config.jwt.secret, expiryHours: config.jwt.expiryHours, clock })
  const guard = createAuthGuard({ tokens, findAccount: createAccountLookup(db) })

  // events become notifications through a job enqueued in the event's transaction
  const notify = createNotifier(jobs)
  // confirmations, attendance and reviews enqueue a badge evaluation in their transaction
  const earnBadges = createBadgeTrigger(jobs)
  // checkout owns paying with Razorpay; bookings and credit purchases register with it as they are built
  const checkout = createCheckout({ db, clock, ids, jobs, gateway: providers.paymentGateway, keys: config.payments, logger: app.log })
  const creditsDeps = { db, clock, ids, jobs, paymentsMode: config.payments.mode, checkout, ...config.credits, platform: config.platform }
  const wallet = createWalletService(creditsDeps)
  const bookings = createBookingsService({
    db, clock, ids, jobs, checkout, refunds: checkout.refunds, paymentsMode: config.payments.mode, logger: app.log, ...config.bookings, notify, earnBadges,
    // credits are spent and given back in the booking's transaction; freed seats are offered to the waitlist in it
    wallet: createCreditWallet(creditsDeps), onSeatsReleased: createOfferTrigger(jobs),
  })
  const waitlist = createWaitlistService({ db, clock, ids, jobs, ...config.waitlist, bookings, logger: app.log, notify })
  const purchases = createPurchasesService(creditsDeps)
  const catalog = createCatalogService({ db, reads: catalogReads, clock, feedCacheSeconds: config.homeFeedCacheSeconds })
  const auth = createAuthService({ db, config, clock, ids, tokens, otpSender: providers.otpSender, google: providers.google })
  const partners = createPartnersService({ db, clock, ids, cipher: createSecretCipher(config.dataEncryptionKey), listings: partnerListings })
  const venues = createVenuesService({ db, clock, ids, geocoder: providers.geocoder, listings: partnerListings, sessions: venueSessions })
  const kycReview = createKycReviewService({ db, clock, defaultCommissionPercent: config.commissionPercent, notify })
  const listings = createListingsService({ db, clock, ids })
  const moderation = createListingModerationService({ db, clock, notify })
  const categories = createCategoriesService({ db, clock, ids })
  const media = createMediaService({ db, clock, ids, storage: providers.mediaStorage, logger: app.log })
  const scheduling = createSchedulingService({ db, clock, ids, sessionBookings: bookings })
  const invoices = createInvoicesService({ db })
  const financials = createFinancialsService({ db, clock, defaultCommissionPercent: config.commissionPercent, payouts: payoutTotals })
  const payoutsDeps = { db, clock, ids, jobs, provider: providers.payouts, cipher: createSecretCipher(config.dataEncryptionKey), defaultCommissionPercent: config.commissionPercent, logger: app.log, notify }
  const payouts = createPayoutsService(payoutsDeps)
  const razorpayxPayouts = createRazorpayXPayouts(payoutsDeps)
  const payoutWebhooks = createWebhookIntake({ db, clock, secrets: [config.payouts.webhookSecret], onEvent: razorpayxPayouts.onEvent })
  const analytics = createAnalyticsService({ db, clock, defaultCommissionPercent: config.commissionPercent, payoutQueue: { pendingPayoutRequests: countPendingPayoutRequests } })
  const plans = createPlansService(creditsDeps)
  const creditsAdmin = createCreditsAdminService(creditsDeps)
  const audit = createAuditService({ db, findUserContacts })
  const settings = createSettingsService({
    db, clock, envDefaults: { default_commission_percent: config.commissionPercent, booking_hold_minutes: config.bookings.holdMinutes },
  })
  const partnerAdmin = createPartnerAdminService({
    db, clock, defaultCommissionPercent: config.commissionPercent, listings: partnerListings, bookingFigures: findPartnerBookingFigures,
    // suspending or reactivating a partner hides or shows its listings at once: this process's feed cache forgets them
    onVisibilityChanged: () => catalog.forgetCachedFeeds(),
  })
  const usersAdmin = createUsersAdminService({ db, clock, activity: { latestBookings: findLatestUserBookings, walletBalance: usableCredits } })
  const reviews = createReviewsService({ db, clock, ids, notify, earnBadges })
  const reviewPhotos = createReviewPhotosService({ db, clock, ids, storage: providers.mediaStorage, logger: app.log })
  const wishlist = createWishlistService({ db, clock })
  const delivery = createDeliveryService({ db, clock, ids, jobs, email: providers.email, sms: providers.sms, push: providers.push, logger: app.log })
  const notifications = createNotificationsService({ db, clock })
  const broadcasts = createBroadcastsService({ db, clock, ids, jobs, notify, batchSize: config.broadcastBatchSize })
  const badges = createBadgesService({ db, clock, ids, notify })
  const advisor = createAdvisorService({ db, clock, ids, catalog, chatModel: providers.chatModel, logger: app.log, ...config.aiAdvisor })

  const modules = [
    healthModule({ database, version: config.version }),
    catalogModule({ catalog }),
    authModule({ auth, guard, config, usersAdmin }),
    partnersModule({ guard, partners, venues, kycReview, partnerAdmin }),
    listingsModule({ guard, listings, moderation, media, categories }),
    schedulingModule({ guard, scheduling }),
    invoicesModule({ guard, invoices }),
    financialsModule({ guard, financials }),
    analyticsModule({ guard, analytics }),
    creditsModule({ guard, plans, wallet, admin: creditsAdmin, purchases, db }),
    bookingsModule({ guard, bookings, db }),
    waitlistModule({ guard, waitlist }),
    paymentsModule({ guard, checkout, db }),
    auditModule({ guard, audit }),
    settingsModule({ guard, settings }),
    payoutsModule({ guard, payouts, razorpayx: razorpayxPayouts, intake: payoutWebhooks }),
    reviewsModule({ guard, reviews, photos: reviewPhotos }),
    wishlistModule({ guard, wishlist }),
    notificationsModule({ guard, notifications, broadcasts, delivery, sendReminders: () => sendSessionReminders({ db, clock, notify }) }),
    aiAdvisorModule({ guard, advisor }),
    badgesModule({ guard, badges }),
  ]
  await registerModules(app, modules)
  registerJobs(jobs, modules.flatMap((module) => module.jobs ?? []))

  // every queue exists before the first request can enqueue into it from inside a transaction
  await jobs.prepare()
  return app
}
