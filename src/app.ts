// The composition root: every plugin, service and module is wired here once, from injected dependencies.
// Production (main.ts), tests and benchmarks all build the app through this function.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Redis } from 'ioredis'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { Providers } from './integrations/index.js'
import type { Clock } from './shared/clock.js'
import type { IdGenerator } from './shared/ids.js'
import type { JobQueue } from './jobs/job-queue.js'
import { registerErrorHandling } from './shared/error-handler.js'
import { TooManyRequestsError } from './shared/errors.js'
import { ErrorResponse } from './shared/schemas.js'
import { createAuthGuard, createTokenService } from './shared/auth.js'
import { healthRoutes } from './modules/health/health.routes.js'
import { createCheckout, paymentVerifyRoutes, paymentWebhookRoutes, REFUND_EXTRA_PAYMENT_JOB } from './modules/payments/index.js'
import { bookingRoutes, createBookingsService, EXPIRE_HOLD_JOB, REFUND_JOB, SWEEP_HOLDS_JOB } from './modules/bookings/index.js'
import { createSchedulingService, extendSessionHorizons, schedulingRoutes } from './modules/scheduling/index.js'
import { createOfferTrigger, createWaitlistService, EXPIRE_OFFER_JOB, OFFER_JOB, SWEEP_WAITLISTS_JOB, waitlistRoutes } from './modules/waitlist/index.js'
import { createInvoicesService, invoiceRoutes } from './modules/invoices/index.js'
import { createFinancialsService, financialsRoutes } from './modules/financials/index.js'
import {
  createCreditWallet, createPurchasesService, creditPlanRoutes, creditPurchaseRoutes, creditsAdminRoutes, expireCredits, EXPIRE_CREDITS_JOB, walletRoutes,
  type CreditsDeps,
} from './modules/credits/index.js'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import multipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import {
  adminListingRoutes, createListingModerationService, createListingsService, createMediaService, IMAGE_UPLOAD_LIMITS, listingRoutes, mediaRoutes,
} from './modules/listings/index.js'
import { catalogRoutes, createCatalogService } from './modules/catalog/index.js'
import { authRoutes, createAccountLookup, createAuthService } from './modules/auth/index.js'
import {
  adminPartnerRoutes, createKycReviewService, createPartnersService, createSecretCipher, createVenuesService, partnerRoutes, venueRoutes,
} from './modules/partners/index.js'

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

export const EXTEND_HORIZONS_JOB = 'scheduling.extend-horizons'

/** Every route the app serves, recorded as it is registered: the inventory that OpenAPI is checked against. */
export interface RouteEntry {
  method: string
  url: string
  documented: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: readonly RouteEntry[]
  }
}

export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, database } = deps
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-razorpay-signature"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorateRequest('actor', undefined)
  const inventory: RouteEntry[] = []
  app.decorate('routeInventory', inventory)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) inventory.push({ method, url: route.url, documented: !(route.schema as { hide?: boolean } | undefined)?.hide })
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  registerErrorHandling(app)
  app.addSchema(ErrorResponse)

  await app.register(helmet, {
    // the JSON API needs no scripts; Swagger UI at /docs is served with its own relaxed policy below
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
    // credentials only with an explicit allow-list: never echo any Origin together with credentials
    credentials: config.corsOrigins !== '*',
    exposedHeaders: ['x-request-id', 'retry-after'],
  })
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined
  if (redis) app.addHook('onClose', async () => void redis.disconnect())
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'rrray-rl:' } : {}),
    // a Redis outage must not take the API down with it
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(`Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, context.ttl / 1000),
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'RRRAY API',
        version: config.version,
        description: 'Find and book kids’ activities in India: parents, partners and admins. Amounts are in paise.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())

  // ---- modules: services are built once here and handed to their routes ----
  const tokens = createTokenService({ secret: config.jwt.secret, expiryHours: config.jwt.expiryHours, clock: deps.clock })
  const guard = createAuthGuard({ tokens, findAccount: createAccountLookup(database.db) })
  void guard // used by the modules registered below

  await app.register(healthRoutes, { prefix: '/api', database, version: config.version })
  const catalog = createCatalogService({ db: database.db, clock: deps.clock, feedCacheSeconds: config.homeFeedCacheSeconds })
  await app.register(catalogRoutes, { prefix: '/api', catalog })
  const auth = createAuthService({
    db: database.db,
    config,
    clock: deps.clock,
    ids: deps.ids,
    tokens,
    otpSender: deps.providers.otpSender,
    google: deps.providers.google,
  })
  await app.register(authRoutes, { prefix: '/api', auth, guard, config })
  const partners = createPartnersService({ db: database.db, clock: deps.clock, ids: deps.ids, cipher: createSecretCipher(config.dataEncryptionKey) })
  const venues = createVenuesService({ db: database.db, clock: deps.clock, ids: deps.ids, geocoder: deps.providers.geocoder })
  await app.register(partnerRoutes, { prefix: '/api', guard, partners })
  await app.register(venueRoutes, { prefix: '/api', guard, venues })
  await app.register(adminPartnerRoutes, { prefix: '/api', guard, kycReview: createKycReviewService({ db: database.db, clock: deps.clock }) })
  await app.register(listingRoutes, { prefix: '/api', guard, listings: createListingsService({ db: database.db, clock: deps.clock, ids: deps.ids }) })
  await app.register(adminListingRoutes, { prefix: '/api', guard, moderation: createListingModerationService({ db: database.db, clock: deps.clock }) })
  const media = createMediaService({ db: database.db, clock: deps.clock, ids: deps.ids, storage: deps.providers.mediaStorage, logger: app.log })
  // multipart only in the upload routes' own scope: every other route keeps the JSON body limit and refuses multipart
  await app.register(
    async (uploads) => {
      await uploads.register(multipart, IMAGE_UPLOAD_LIMITS)
      await uploads.register(mediaRoutes, { guard, media })
    },
    { prefix: '/api' },
  )
  // locally stored images: files only (no index, no listing, no dotfiles), from the uploads directory alone (made if missing,
  // so a fresh checkout serves 404s rather than warning that the root does not exist)
  mkdirSync(resolve(config.uploads.dir), { recursive: true })
  await app.register(fastifyStatic, { root: resolve(config.uploads.dir), prefix: '/uploads/', index: false, list: false, dotfiles: 'deny', decorateReply: false })


  // checkout: Razorpay orders, signatures, webhooks and refunds for every payable subject (bookings and purchases register)
  const checkout = createCheckout({
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    gateway: deps.providers.paymentGateway,
    keyId: config.payments.keyId,
    keySecret: config.payments.keySecret,
    webhookSecrets: [config.payments.webhookSecret, config.payments.previousWebhookSecret],
    logger: app.log,
  })
  const creditsDeps: CreditsDeps = {
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    paymentsMode: config.payments.mode,
    checkout,
    rolloverPercent: config.credits.rolloverPercent,
    refundGraceDays: config.credits.refundGraceDays,
    platform: config.platform,
  }
  const bookingsDeps = {
    db: database.db,
    clock: deps.clock,
    ids: deps.ids,
    jobs: deps.jobs,
    // Razorpay-paid bookings are refunded through Razorpay (X-Refund-Idempotency); mock and credits at once
    refunds: checkout.refunds,
    paymentsMode: config.payments.mode,
    holdMinutes: config.bookings.holdMinutes,
    maxPendingHolds: config.bookings.maxPendingHolds,
    maxReschedules: config.bookings.maxReschedules,
    // test/live: a Razorpay order per booking, created after the booking's transaction commits
    checkout,
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
    // the booking is made in the waitlist's transaction; its Razorpay order (test/live) is started after the commit
    bookings,
    notifyUser: async (userId, message) => app.log.info({ user_id: userId, subject: message.subject }, message.body),
  })
  await app.register(waitlistRoutes, { prefix: '/api', guard, waitlist })
  deps.jobs.work<{ session_id?: string }>(OFFER_JOB, async ({ session_id }) => void (session_id && (await waitlist.offerSession(session_id))))
  deps.jobs.work<{ offer_id?: string }>(EXPIRE_OFFER_JOB, async ({ offer_id }) => void (offer_id && (await waitlist.expireOffer(offer_id))))
  deps.jobs.work(SWEEP_WAITLISTS_JOB, async () => void (await waitlist.sweepWaitlists()))
  deps.jobs.schedule(SWEEP_WAITLISTS_JOB, '* * * * *')
  // invoices are issued by the bookings module when a booking is confirmed with money; these routes read them
  await app.register(invoiceRoutes, { prefix: '/api', guard, invoices: createInvoicesService({ db: database.db }) })
  await app.register(financialsRoutes, {
    prefix: '/api',
    guard,
    financials: createFinancialsService({ db: database.db, clock: deps.clock, defaultCommissionPercent: config.commissionPercent }),
  })
  // a partner cancelling a booked session hands its bookings to the bookings module (refunds), in the same transaction
  const scheduling = createSchedulingService({ db: database.db, clock: deps.clock, ids: deps.ids, sessionBookings: bookings })
  await app.register(schedulingRoutes, { prefix: '/api', guard, scheduling })
  // batches keep eight weeks of sessions ahead: extended every night (02:30 IST), idempotent across processes
  deps.jobs.work(EXTEND_HORIZONS_JOB, async () => void (await extendSessionHorizons(database.db, deps.clock)))
  deps.jobs.schedule(EXTEND_HORIZONS_JOB, '0 21 * * *')
  deps.jobs.work<{ booking_id?: string }>(EXPIRE_HOLD_JOB, async ({ booking_id }) => void (booking_id && (await bookings.expireHold(booking_id))))
  deps.jobs.work<{ booking_id?: string }>(REFUND_JOB, async ({ booking_id }) => void (booking_id && (await bookings.settleRefund(booking_id))))
  // a second payment on an order already paid is refunded in full (recorded by bookings or purchases as they confirm)
  deps.jobs.work<{ payment_id?: string }>(REFUND_EXTRA_PAYMENT_JOB, async ({ payment_id }) => void (payment_id && (await checkout.refundExtraPayment(payment_id))))
  deps.jobs.work(SWEEP_HOLDS_JOB, async () => {
    await bookings.expireDueHolds()
    await bookings.settlePendingRefunds()
    await checkout.refundPendingExtraPayments()
    await bookings.completeFinishedBookings()
    await bookings.pruneIdempotencyKeys()
  })
  deps.jobs.schedule(SWEEP_HOLDS_JOB, '* * * * *')
  // credits: plans, the wallet and its ledger, admin adjustments, plan purchases; expired credits written off every 10 minutes
  const purchases = createPurchasesService(creditsDeps)
  await app.register(creditPlanRoutes, { prefix: '/api', guard, credits: creditsDeps })
  await app.register(walletRoutes, { prefix: '/api', guard, credits: creditsDeps })
  await app.register(creditsAdminRoutes, { prefix: '/api', guard, credits: creditsDeps })
  await app.register(creditPurchaseRoutes, { prefix: '/api', guard, purchases })
  deps.jobs.work(EXPIRE_CREDITS_JOB, async () => void (await expireCredits(creditsDeps)))
  deps.jobs.schedule(EXPIRE_CREDITS_JOB, '*/10 * * * *')
  // Razorpay webhooks (raw-body signature, dedupe by event id) and Checkout's verify, dispatched to the registered subjects
  await app.register(paymentWebhookRoutes, { prefix: '/api', intake: checkout.intake })
  await app.register(paymentVerifyRoutes, { prefix: '/api', guard, checkout })

  // every queue exists before the first request can enqueue into it from inside a transaction
  await deps.jobs.prepare()
  return app
}
