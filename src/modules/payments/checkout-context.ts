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
  /**
   * keyId is sent to the app for its checkout; Checkout's payment signature is an HMAC with keySecret; webhooks are signed
   * with webhookSecret or, during a rotation, previousWebhookSecret (empty: none).
   */
  keys: Readonly<{ keyId: string; keySecret: string; webhookSecret: string; previousWebhookSecret: string }>
  logger?: PaymentLogger
}

export interface CheckoutContext extends CheckoutDeps {
  keyId: string
  keySecret: string
  log: PaymentLogger
  subjects: Map<PayableType, PayableSubject>
  subjectOf(type: PayableType): PayableSubject
}

export function createCheckoutContext(deps: CheckoutDeps): CheckoutContext {
  const subjects = new Map<PayableType, PayableSubject>()
  return {
    ...deps,
    keyId: deps.keys.keyId,
    keySecret: deps.keys.keySecret,
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
