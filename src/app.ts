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
import { registerOpenApi } from './platform/openapi.js'
import { registerUploads } from './platform/uploads.js'
import { registerJobs, registerModules } from './platform/app-module.js'
import { healthModule } from './modules/health/index.js'
import {
  createExtraPaymentRefunds, createGatewayRefunds, createWebhookIntake, paymentWebhookRoutes, REFUND_EXTRA_PAYMENT_JOB,
} from './modules/payments/index.js'
import { bookingRoutes, createBookingsService, createMockRefunds, razorpayPaymentRoutes, EXPIRE_HOLD_JOB, REFUND_JOB, SWEEP_HOLDS_JOB } from './modules/bookings/index.js'
import { createSchedulingService, schedulingModule } from './modules/scheduling/index.js'
import { createOfferTrigger, createWaitlistService, EXPIRE_OFFER_JOB, OFFER_JOB, SWEEP_WAITLISTS_JOB, waitlistRoutes } from './modules/waitlist/index.js'
import { createInvoicesService, invoicesModule } from './modules/invoices/index.js'
import { createFinancialsService, financialsModule } from './modules/financials/index.js'
import {
  createCreditsAdminService, createCreditWallet, createPlansService, createPurchasesService, createWalletService, creditPurchaseRoutes, creditsModule,
  type CreditsDeps,
} from './modules/credits/index.js'
import { createListingModerationService, createListingsService, createMediaService, listingsModule } from './modules/listings/index.js'
import { catalogModule, createCatalogService } from './modules/catalog/index.js'
import { authModule, createAccountLookup, createAuthService } from './modules/auth/index.js'
import { createKycReviewService, createPartnersService, createSecretCipher, createVenuesService, partnersModule } from './modules/partners/index.js'

export type { RouteEntry } from './platform/route-inventory.js'

export interface AppDependencies {
  config: Config
  database: Database
  clock: Clock
  ids: IdGenerator
  providers: Providers
  /** Background work; buildApp registers the handlers, main.ts starts the workers after listen. */
  jobs: JobQueue
}

export type App = FastifyInstance

export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, database, clock, ids, providers, jobs } = deps
  const db = database.db
  const app = createHttpServer(config)
  await registerSecurity(app, config)
  await registerOpenApi(app, config)
  await registerUploads(app, config)

  const tokens = createTokenService({ secret: config.jwt.secret, expiryHours: config.jwt.expiryHours, clock })
  const guard = createAuthGuard({ tokens, findAccount: createAccountLookup(db) })

  // checkout: bookings, waitlist, credit purchases, payments — being moved into the payments module (issue 9)
  const creditsDeps: CreditsDeps = {
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    paymentsMode: config.payments.mode,
    payments: { orders: deps.providers.paymentGateway, keyId: config.payments.keyId, keySecret: config.payments.keySecret },
    logger: app.log,
    rolloverPercent: config.credits.rolloverPercent,
    refundGraceDays: config.credits.refundGraceDays,
    platform: config.platform,
  }
  const bookingsDeps = {
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    // Razorpay-paid bookings are refunded through Razorpay (X-Refund-Idempotency); mock and credits through the fallback
    refunds: createGatewayRefunds(deps.providers.paymentGateway, createMockRefunds(deps.ids)),
    paymentsMode: config.payments.mode,
    holdMinutes: config.bookings.holdMinutes,
    maxPendingHolds: config.bookings.maxPendingHolds,
    maxReschedules: config.bookings.maxReschedules,
    // test/live: a Razorpay order per booking, created after the booking's transaction commits
    payments: { orders: deps.providers.paymentGateway, keyId: config.payments.keyId, keySecret: config.payments.keySecret },
    logger: app.log,
    // every release of seats (cancel, expired hold, reschedule, unable-to-attend, session cancelled) enqueues a waitlist offer
    onSeatsReleased: createOfferTrigger(deps.jobs),
    // payment_method credits: spent and given back inside the booking's transaction
    wallet: createCreditWallet(creditsDeps),
  }
  const bookings = createBookingsService(bookingsDeps)
  await app.register(bookingRoutes, { prefix: '/api', guard, bookings })
  // the waitlist: freed seats held for the first family in line; accepting books them through the bookings service
  const waitlist = createWaitlistService({
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    offerMinutes: config.waitlist.offerMinutes,
    // the booking is made in the waitlist's transaction without the payment step; its Razorpay order (test/live) is added
    // after the commit by replaying the same Idempotency-Key through the full service: no HTTP call inside a transaction
    bookInTransaction: (tx, userId, key, body) => {
      const inTransaction: typeof bookingsDeps = { ...bookingsDeps, db: tx }
      Reflect.deleteProperty(inTransaction, 'payments')
      return createBookingsService(inTransaction).createBooking(userId, key, body)
    },
    completeBooking: (userId, key, body) => bookings.createBooking(userId, key, body),
    notifyUser: async (userId, message) => app.log.info({ user_id: userId, subject: message.subject }, message.body),
  })
  await app.register(waitlistRoutes, { prefix: '/api', guard, waitlist })
  deps.jobs.work<{ session_id?: string }>(OFFER_JOB, async ({ session_id }) => void (session_id && (await waitlist.offerSession(session_id))))
  deps.jobs.work<{ offer_id?: string }>(EXPIRE_OFFER_JOB, async ({ offer_id }) => void (offer_id && (await waitlist.expireOffer(offer_id))))
  deps.jobs.work(SWEEP_WAITLISTS_JOB, async () => void (await waitlist.sweepWaitlists()))
  deps.jobs.schedule(SWEEP_WAITLISTS_JOB, '* * * * *')
  deps.jobs.work<{ booking_id?: string }>(EXPIRE_HOLD_JOB, async ({ booking_id }) => void (booking_id && (await bookings.expireHold(booking_id))))
  deps.jobs.work<{ booking_id?: string }>(REFUND_JOB, async ({ booking_id }) => void (booking_id && (await bookings.settleRefund(booking_id))))
  // a second payment on an order already paid is refunded in full (recorded by bookings or purchases as they confirm)
  const extraPayments = createExtraPaymentRefunds({ db: database.db, clock: deps.clock, refunds: bookingsDeps.refunds })
  deps.jobs.work<{ payment_id?: string }>(REFUND_EXTRA_PAYMENT_JOB, async ({ payment_id }) => void (payment_id && (await extraPayments.refundExtraPayment(payment_id))))
  deps.jobs.work(SWEEP_HOLDS_JOB, async () => {
    await bookings.expireDueHolds()
    await bookings.settlePendingRefunds()
    await extraPayments.refundPendingExtraPayments()
    await bookings.completeFinishedBookings()
    await bookings.pruneIdempotencyKeys()
  })
  deps.jobs.schedule(SWEEP_HOLDS_JOB, '* * * * *')
  // credit plan purchases, paid like bookings
  const purchases = createPurchasesService(creditsDeps)
  await app.register(creditPurchaseRoutes, { prefix: '/api', guard, purchases })
  // Razorpay webhooks: raw-body signature check and dedupe by event id; the bookings module plugs in `onEvent`
  const webhookIntake = createWebhookIntake({
    db: database.db,
    clock: deps.clock,
    secrets: [config.payments.webhookSecret, config.payments.previousWebhookSecret],
    // payment.captured / order.paid confirm, payment.failed marks the attempt, refund.* settle refunds: in the intake's transaction
    onEvent: async (event, context) => {
      await bookings.handlePaymentEvent(event, context)
      await purchases.handlePaymentEvent(event, context)
      await extraPayments.handleRefundEvent(event, context.tx)
    },
  })
  await app.register(paymentWebhookRoutes, { prefix: '/api', intake: webhookIntake })
  await app.register(razorpayPaymentRoutes, { prefix: '/api', guard, bookings, purchases: purchases.verifier })
  // end of checkout; it comes first because scheduling cancels a session's bookings through `bookings`

  const catalog = createCatalogService({ db, clock, feedCacheSeconds: config.homeFeedCacheSeconds })
  const auth = createAuthService({ db, config, clock, ids, tokens, otpSender: providers.otpSender, google: providers.google })
  const partners = createPartnersService({ db, clock, ids, cipher: createSecretCipher(config.dataEncryptionKey) })
  const venues = createVenuesService({ db, clock, ids, geocoder: providers.geocoder })
  const kycReview = createKycReviewService({ db, clock })
  const listings = createListingsService({ db, clock, ids })
  const moderation = createListingModerationService({ db, clock })
  const media = createMediaService({ db, clock, ids, storage: providers.mediaStorage, logger: app.log })
  const scheduling = createSchedulingService({ db, clock, ids, sessionBookings: bookings })
  const invoices = createInvoicesService({ db })
  const financials = createFinancialsService({ db, clock, defaultCommissionPercent: config.commissionPercent })
  const plans = createPlansService(creditsDeps)
  const wallet = createWalletService(creditsDeps)
  const creditsAdmin = createCreditsAdminService(creditsDeps)

  const modules = [
    healthModule({ database, version: config.version }),
    catalogModule({ catalog }),
    authModule({ auth, guard, config }),
    partnersModule({ guard, partners, venues, kycReview }),
    listingsModule({ guard, listings, moderation, media }),
    schedulingModule({ guard, scheduling, db, clock }),
    invoicesModule({ guard, invoices }),
    financialsModule({ guard, financials }),
    creditsModule({ guard, plans, wallet, admin: creditsAdmin, credits: creditsDeps }),
  ]
  await registerModules(app, modules)
  registerJobs(jobs, modules.flatMap((module) => module.jobs ?? []))

  // every queue exists before the first request can enqueue into it from inside a transaction
  await jobs.prepare()
  return app
}
