// Partner payouts behind an interface: RazorpayX Payouts over HTTP, or `manual` (an admin pays from the bank; nothing is called).
export interface PayoutContactInput {
  name: string
  email: string | null
  contact: string | null
  /** Our partner id, so the contact is found again in the RazorpayX dashboard. */
  reference_id: string
}

export interface BankAccountInput {
  /** The account holder's name, as the bank has it. */
  name: string
  ifsc: string
  account_number: string
}

export interface CreatePayoutInput {
  fund_account_id: string
  /** Paise, at least 100. */
  amount: number
  /** Our payout request id (RazorpayX echoes it in webhooks). */
  reference_id: string
  narration: string
}

export interface ProviderPayout {
  id: string
  /** queued, pending, processing, processed, reversed, cancelled, rejected or failed. */
  status: string
  amount: number
  utr: string | null
  reference_id: string | null
  failure_reason: string | null
}

export interface PayoutProvider {
  /** 'manual' never calls anything (every method throws); 'razorpayx' talks to RAZORPAYX_BASE_URL. */
  readonly kind: 'manual' | 'razorpayx'
  createContact(input: PayoutContactInput): Promise<{ id: string }>
  createFundAccount(contactId: string, bank: BankAccountInput): Promise<{ id: string }>
  /** The same idempotency key (4–36 characters) never pays twice: a retry answers the payout the first call made. */
  createPayout(input: CreatePayoutInput, idempotencyKey: string): Promise<ProviderPayout>
}

/** RazorpayX could not be reached, timed out or answered 5xx: the job retries later with the same idempotency key. */
export class PayoutProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PayoutProviderUnavailableError'
  }
}

/** RazorpayX refused the request (4xx, e.g. a bad IFSC): retrying the same request will not help. */
export class PayoutProviderRefusedError extends Error {
  constructor(
    readonly description: string,
    readonly providerCode: string,
    readonly httpStatus: number,
  ) {
    super(`RazorpayX refused the request: ${description}`)
    this.name = 'PayoutProviderRefusedError'
  }
}

/** The offline mode: approved payouts are paid by hand and marked paid with the bank's UTR. */
export function createManualPayoutProvider(): PayoutProvider {
  const refuse = async (): Promise<never> => {
    throw new Error('PAYOUTS_MODE=manual never calls RazorpayX')
  }
  return { kind: 'manual', createContact: refuse, createFundAccount: refuse, createPayout: refuse }
}
