// What checkout is built on: the gateway, the Checkout key pair, and the subjects registered to be paid.
import type { Db } from '../../db/database.js'
import type { PaymentGateway } from '../../integrations/razorpay/index.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { PayableSubject, PayableType } from './payable-subject.js'

export interface PaymentLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export const silentPaymentLogger: PaymentLogger = { info: () => undefined, warn: () => undefined }

export interface CheckoutDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  jobs: JobQueue
  /** Razorpay over HTTP (test/live) or the offline mock. */
  gateway: PaymentGateway
  /** Sent to the app for its checkout. */
  keyId: string
  /** Checkout's payment signature is an HMAC with it. */
  keySecret: string
  /** The current webhook secret and, during a rotation, the previous one; empty entries are ignored. */
  webhookSecrets: readonly string[]
  logger?: PaymentLogger
}

export interface CheckoutContext extends CheckoutDeps {
  log: PaymentLogger
  subjects: Map<PayableType, PayableSubject>
  subjectOf(type: PayableType): PayableSubject
}

export function createCheckoutContext(deps: CheckoutDeps): CheckoutContext {
  const subjects = new Map<PayableType, PayableSubject>()
  return {
    ...deps,
    log: deps.logger ?? silentPaymentLogger,
    subjects,
    subjectOf(type) {
      const subject = subjects.get(type)
      // a row of a kind nobody registered is a wiring bug, not a client's mistake
      if (!subject) throw new Error(`No payable subject registered for ${type}`)
      return subject
    },
  }
}
