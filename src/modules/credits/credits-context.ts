// What every credits use case is built on: explicit dependencies, wired once in app.ts.
import type { Db } from '../../db/database.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { Checkout } from '../payments/index.js'

export const EXPIRE_CREDITS_JOB = 'credits.expire'

export interface CreditsDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  paymentsMode: 'mock' | 'test' | 'live'
  /** Checkout (PAYMENTS_MODE test/live): a purchase's Razorpay order, its verification and webhooks. */
  checkout?: Checkout
  /** Unused paid-plan credits roll over up to this percent of a renewed plan's credits (0: never). */
  rolloverPercent: number
  /** Credits refunded after their own expiry stay usable this many days. */
  refundGraceDays: number
  /** The platform as supplier on credit plan invoices. */
  platform: Readonly<{ legalName: string; gstin: string | null; state: string }>
}
