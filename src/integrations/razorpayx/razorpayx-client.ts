// RazorpayX Payouts over fetch: contacts, fund accounts and payouts, Basic auth key_id:key_secret, a timeout on every call.
import {
  PayoutProviderRefusedError, PayoutProviderUnavailableError,
  type BankAccountInput, type CreatePayoutInput, type PayoutContactInput, type PayoutProvider, type ProviderPayout,
} from './payout-provider.js'

export interface RazorpayXClientOptions {
  keyId: string
  keySecret: string
  /** The business's RazorpayX account number every payout is paid from. */
  accountNumber: string
  /** https://api.razorpay.com/v1, or a local fake in tests. */
  baseUrl: string
  timeoutMs?: number
}

/** IMPS carries up to ₹5,00,000 at any hour; larger payouts go by NEFT. */
const IMPS_LIMIT_PAISE = 50_000_000

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

function toPayout(raw: Record<string, unknown>): ProviderPayout {
  const details = raw.status_details
  const reason = typeof details === 'object' && details !== null ? str((details as Record<string, unknown>).description) : null
  return {
    id: String(raw.id),
    status: String(raw.status ?? 'queued'),
    amount: typeof raw.amount === 'number' ? raw.amount : 0,
    utr: str(raw.utr),
    reference_id: str(raw.reference_id),
    failure_reason: reason ?? str(raw.failure_reason),
  }
}

export function createRazorpayXClient(options: RazorpayXClientOptions): PayoutProvider {
  const timeoutMs = options.timeoutMs ?? 10_000
  const base = options.baseUrl.replace(/\/+$/, '')
  const authorization = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64')}`

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new PayoutProviderUnavailableError(timedOut ? `RazorpayX did not answer within ${timeoutMs} ms` : 'RazorpayX could not be reached')
    }
    const parsed: unknown = await response.json().catch(() => undefined)
    if (response.status >= 500) throw new PayoutProviderUnavailableError(`RazorpayX answered HTTP ${response.status}`)
    if (!response.ok) {
      const error = (parsed as { error?: { code?: unknown; description?: unknown } } | undefined)?.error
      throw new PayoutProviderRefusedError(str(error?.description) ?? `HTTP ${response.status}`, str(error?.code) ?? 'UNKNOWN_ERROR', response.status)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PayoutProviderUnavailableError('RazorpayX answered something unreadable')
    return parsed as Record<string, unknown>
  }

  return {
    kind: 'razorpayx',
    async createContact(input: PayoutContactInput) {
      const body = { name: input.name, type: 'vendor', reference_id: input.reference_id, ...(input.email ? { email: input.email } : {}), ...(input.contact ? { contact: input.contact } : {}) }
      return { id: String((await post('/contacts', body)).id) }
    },
    async createFundAccount(contactId: string, bank: BankAccountInput) {
      return { id: String((await post('/fund_accounts', { contact_id: contactId, account_type: 'bank_account', bank_account: bank })).id) }
    },
    async createPayout(input: CreatePayoutInput, idempotencyKey: string) {
      const body = {
        account_number: options.accountNumber,
        fund_account_id: input.fund_account_id,
        amount: input.amount,
        currency: 'INR',
        mode: input.amount <= IMPS_LIMIT_PAISE ? 'IMPS' : 'NEFT',
        purpose: 'payout',
        queue_if_low_balance: true,
        reference_id: input.reference_id,
        narration: input.narration,
      }
      return toPayout(await post('/payouts', body, { 'x-payout-idempotency': idempotencyKey }))
    },
  }
}
