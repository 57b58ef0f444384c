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
import { createCheckout, paymentsModule } from './modules/payments/index.js'
import { bookingsModule, createBookingsService } from './modules/bookings/index.js'
import { createSchedulingService, schedulingModule, venueSessions } from './modules/scheduling/index.js'
import { createOfferTrigger, createWaitlistService, waitlistModule } from './modules/waitlist/index.js'
import { createInvoicesService, invoicesModule } from './modules/invoices/index.js'
import { createFinancialsService, financialsModule } from './modules/financials/index.js'
import {
  createCreditsAdminService, createCreditWallet, createPlansService, createPurchasesService, createWalletService, creditsModule,
} from './modules/credits/index.js'
import { createCategoriesService, createListingModerationService, createListingsService, createMediaService, listingsModule, partnerListings } from './modules/listings/index.js'
import { catalogModule, createCatalogService } from './modules/catalog/index.js'
import { authModule, createAccountLookup, createAuthService } from './modules/auth/index.js'
import { createKycReviewService, createPartnersService, createSecretCipher, createVenuesService, partnersModule } from './modules/partners/index.js'
import { aiAdvisorModule, createAdvisorService } from './modules/ai-advisor/index.js'

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
  await registerSecurity(app, config)
  await registerOpenApi(app, config)
  await registerUploads(app, config)

  const tokens = createTokenService({ secret: config.jwt.secret, expiryHours: config.jwt.expiryHours, clock })
  const guard = createAuthGuard({ tokens, findAccount: createAccountLookup(db) })

  // checkout owns paying with Razorpay; bookings and credit purchases register with it as they are built
  const checkout = createCheckout({ db, clock, ids, jobs, gateway: providers.paymentGateway, keys: config.payments, logger: app.log })
  const creditsDeps = { db, clock, ids, jobs, paymentsMode: config.payments.mode, checkout, ...config.credits, platform: config.platform }
  const wallet = createWalletService(creditsDeps)
  const bookings = createBookingsService({
    db, clock, ids, jobs, checkout, refunds: checkout.refunds, paymentsMode: config.payments.mode, logger: app.log, ...config.bookings,
    // credits are spent and given back in the booking's transaction; freed seats are offered to the waitlist in it
    wallet: createCreditWallet(creditsDeps), onSeatsReleased: createOfferTrigger(jobs),
  })
  const waitlist = createWaitlistService({ db, clock, ids, jobs, ...config.waitlist, bookings, logger: app.log })
  const purchases = createPurchasesService(creditsDeps)
  const catalog = createCatalogService({ db, clock, feedCacheSeconds: config.homeFeedCacheSeconds })
  const auth = createAuthService({ db, config, clock, ids, tokens, otpSender: providers.otpSender, google: providers.google })
  const partners = createPartnersService({ db, clock, ids, cipher: createSecretCipher(config.dataEncryptionKey), listings: partnerListings })
  const venues = createVenuesService({ db, clock, ids, geocoder: providers.geocoder, listings: partnerListings, sessions: venueSessions })
  const kycReview = createKycReviewService({ db, clock })
  const listings = createListingsService({ db, clock, ids })
  const moderation = createListingModerationService({ db, clock })
  const categories = createCategoriesService({ db, clock, ids })
  const media = createMediaService({ db, clock, ids, storage: providers.mediaStorage, logger: app.log })
  const scheduling = createSchedulingService({ db, clock, ids, sessionBookings: bookings })
  const invoices = createInvoicesService({ db })
  const financials = createFinancialsService({ db, clock, defaultCommissionPercent: config.commissionPercent })
  const plans = createPlansService(creditsDeps)
  const creditsAdmin = createCreditsAdminService(creditsDeps)
  const advisor = createAdvisorService({ db, clock, ids, catalog, chatModel: providers.chatModel, logger: app.log, ...config.aiAdvisor })

  const modules = [
    healthModule({ database, version: config.version }),
    catalogModule({ catalog }),
    authModule({ auth, guard, config }),
    partnersModule({ guard, partners, venues, kycReview }),
    listingsModule({ guard, listings, moderation, media, categories }),
    schedulingModule({ guard, scheduling }),
    invoicesModule({ guard, invoices }),
    financialsModule({ guard, financials }),
    creditsModule({ guard, plans, wallet, admin: creditsAdmin, purchases }),
    bookingsModule({ guard, bookings }),
    waitlistModule({ guard, waitlist }),
    paymentsModule({ guard, checkout }),
    aiAdvisorModule({ guard, advisor }),
  ]
  await registerModules(app, modules)
  registerJobs(jobs, modules.flatMap((module) => module.jobs ?? []))

  // every queue exists before the first request can enqueue into it from inside a transaction
  await jobs.prepare()
  return app
}
