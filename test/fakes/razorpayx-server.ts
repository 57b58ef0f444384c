// A local stand-in for RazorpayX Payouts (/v1) on 127.0.0.1: Basic auth, contacts, fund accounts and payouts in memory,
// X-Payout-Idempotency honoured (same key + same body → the same payout), every request recorded, and test hooks
// (fail the next call, before or after it took effect; settle a payout). Webhooks: razorpayEvent + sendRazorpayWebhook.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isRecord, listenOnLoopback, readJsonBody, sendJson } from './fake-http.js'
import { razorpayError, razorpayId } from './razorpay-common.js'

export interface FakeContact {
  id: string
  entity: 'contact'
  name: string
  email: string | null
  contact: string | null
  type: string | null
  reference_id: string | null
  active: boolean
  created_at: number
}

export interface FakeFundAccount {
  id: string
  entity: 'fund_account'
  contact_id: string
  account_type: 'bank_account'
  bank_account: { name: string; ifsc: string; account_number: string; bank_name: string }
  active: boolean
  created_at: number
}

export interface FakePayout {
  id: string
  entity: 'payout'
  fund_account_id: string
  amount: number
  currency: 'INR'
  fees: number
  tax: number
  status: 'queued' | 'pending' | 'processing' | 'processed' | 'reversed' | 'cancelled' | 'rejected' | 'failed'
  purpose: string
  utr: string | null
  mode: string
  reference_id: string | null
  narration: string | null
  status_details: { description: string | null; source: string | null; reason: string | null } | null
  created_at: number
}

export interface RecordedRazorpayXRequest {
  method: string
  path: string
  authorized: boolean
  idempotencyKey: string | undefined
  body: unknown
}

export interface FakeRazorpayX {
  /** e.g. http://127.0.0.1:PORT/v1 — what RAZORPAYX_BASE_URL should be. */
  readonly baseUrl: string
  readonly keyId: string
  readonly keySecret: string
  readonly accountNumber: string
  readonly contacts: Map<string, FakeContact>
  readonly fundAccounts: Map<string, FakeFundAccount>
  readonly payouts: Map<string, FakePayout>
  readonly requests: RecordedRazorpayXRequest[]
  /**
   * The next call answers this HTTP status with a SERVER_ERROR body; with `afterProcessing` it first takes effect
   * (the payout is created), as when RazorpayX's answer is lost on the way back. `path` fails the next call to that path only.
   */
  failNext(statusCode: number, options?: { afterProcessing?: boolean; path?: string }): void
  /** Moves a payout to a final status (processed gets a UTR) and returns it, for a webhook's payload. */
  settle(payoutId: string, status: 'processed' | 'reversed' | 'failed'): FakePayout
  close(): Promise<void>
}

const rid = razorpayId
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

const send = sendJson

function error(res: ServerResponse, statusCode: number, code: string, description: string, field?: string): void {
  razorpayError(res, statusCode, code, description, { step: 'NA', field })
}

export async function startFakeRazorpayX(options: { keyId?: string; keySecret?: string; accountNumber?: string } = {}): Promise<FakeRazorpayX> {
  const keyId = options.keyId ?? 'rzp_test_FakeXKey001'
  const keySecret = options.keySecret ?? 'fake-razorpayx-key-secret'
  const accountNumber = options.accountNumber ?? '7878780080316316'
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`
  const contacts = new Map<string, FakeContact>()
  const fundAccounts = new Map<string, FakeFundAccount>()
  const payouts = new Map<string, FakePayout>()
  const payoutsByKey = new Map<string, { payoutId: string; body: string }>()
  const requests: RecordedRazorpayXRequest[] = []
  const pending: { fail?: { status: number; afterProcessing: boolean; path: string | undefined } } = {}
  const now = (): number => Math.floor(Date.now() / 1000)

  // answers the call as RazorpayX would; the caller decides whether the answer is then lost behind a 5xx
  function process(method: string, parts: string[], body: Record<string, unknown>, raw: string, idempotencyKey: string | undefined): [number, unknown] {
    const bad = (description: string, field?: string): [number, unknown] => [400, { error: { code: 'BAD_REQUEST_ERROR', description, ...(field ? { field } : {}) } }]
    const [, resource, id] = parts
    if (method === 'POST' && resource === 'contacts' && !id) {
      const name = text(body.name)
      if (!name) return bad('The name field is required.', 'name')
      const contact: FakeContact = { id: rid('cont'), entity: 'contact', name, email: text(body.email), contact: text(body.contact), type: text(body.type), reference_id: text(body.reference_id), active: true, created_at: now() }
      contacts.set(contact.id, contact)
      return [201, contact]
    }
    if (method === 'POST' && resource === 'fund_accounts' && !id) {
      const contactId = text(body.contact_id)
      if (!contactId || !contacts.has(contactId)) return bad('The contact id provided does not exist', 'contact_id')
      if (body.account_type !== 'bank_account') return bad('The account type field is invalid.', 'account_type')
      const bank = isRecord(body.bank_account) ? body.bank_account : {}
      const ifsc = text(bank.ifsc)
      const accountNumber = text(bank.account_number)
      const holder = text(bank.name)
      if (!ifsc || !/^[A-Z]{4}0[A-Z0-9]{6}$/.test(ifsc)) return bad('The ifsc must be 11 characters.', 'ifsc')
      if (!accountNumber || !/^[0-9A-Za-z]{5,35}$/.test(accountNumber)) return bad('The account number is invalid.', 'account_number')
      if (!holder) return bad('The name field is required.', 'name')
      const account: FakeFundAccount = { id: rid('fa'), entity: 'fund_account', contact_id: contactId, account_type: 'bank_account', bank_account: { name: holder, ifsc, account_number: accountNumber, bank_name: 'Fake Bank' }, active: true, created_at: now() }
      fundAccounts.set(account.id, account)
      return [200, account]
    }
    if (method === 'POST' && resource === 'payouts' && !id) {
      if (idempotencyKey === undefined) return bad('X-Payout-Idempotency header is mandatory')
      if (idempotencyKey.length < 4 || idempotencyKey.length > 36) return bad('The X-Payout-Idempotency header must be between 4 and 36 characters')
      const seen = payoutsByKey.get(idempotencyKey)
      if (seen) return seen.body === raw ? [200, payouts.get(seen.payoutId)] : bad('Different request body sent for the same idempotency key')
      if (body.account_number !== accountNumber) return bad('The account number is invalid.', 'account_number')
      const fundAccountId = text(body.fund_account_id)
      if (!fundAccountId || !fundAccounts.has(fundAccountId)) return bad('The fund account id provided does not exist', 'fund_account_id')
      if (typeof body.amount !== 'number' || !Number.isInteger(body.amount) || body.amount < 100) return bad('The amount must be at least INR 1.00', 'amount')
      if (body.currency !== 'INR') return bad('The currency field is invalid.', 'currency')
      if (!['IMPS', 'NEFT', 'RTGS', 'UPI'].includes(String(body.mode))) return bad('The mode field is invalid.', 'mode')
      const narration = text(body.narration)
      if (narration !== null && (narration.length > 30 || !/^[A-Za-z0-9 ]+$/.test(narration))) return bad('The narration is invalid.', 'narration')
      const payout: FakePayout = {
        id: rid('pout'), entity: 'payout', fund_account_id: fundAccountId, amount: body.amount, currency: 'INR', fees: 590, tax: 90,
        status: 'processing', purpose: String(body.purpose ?? 'payout'), utr: null, mode: String(body.mode), reference_id: text(body.reference_id),
        narration, status_details: null, created_at: now(),
      }
      payouts.set(payout.id, payout)
      payoutsByKey.set(idempotencyKey, { payoutId: payout.id, body: raw })
      return [200, payout]
    }
    if (method === 'GET' && resource === 'payouts' && id) {
      const payout = payouts.get(id)
      return payout ? [200, payout] : bad('The id provided does not exist')
    }
    return bad('The requested URL was not found on the server.')
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const { raw, json } = await readJsonBody(req)
    const keyHeader = req.headers['x-payout-idempotency']
    const idempotencyKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader
    const authorized = req.headers.authorization === expectedAuth
    requests.push({ method: req.method ?? '', path: url.pathname, authorized, idempotencyKey, body: json })

    const fail = pending.fail && (pending.fail.path === undefined || pending.fail.path === url.pathname) ? pending.fail : undefined
    if (fail) delete pending.fail
    if (fail && !fail.afterProcessing) return error(res, fail.status, 'SERVER_ERROR', 'The server encountered an error. The incident has been reported to admins.')
    if (!authorized) return error(res, 401, 'BAD_REQUEST_ERROR', 'Authentication failed')
    if (json === null) return error(res, 400, 'BAD_REQUEST_ERROR', 'The request body is not valid JSON')
    const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean)
    if (parts[0] !== 'v1') return error(res, 404, 'BAD_REQUEST_ERROR', 'The requested URL was not found on the server.')
    const [status, answer] = process(req.method ?? '', parts, isRecord(json) ? json : {}, raw, idempotencyKey)
    if (fail) return error(res, fail.status, 'SERVER_ERROR', 'The server encountered an error. The incident has been reported to admins.')
    return send(res, status, answer)
  }

  const loopback = await listenOnLoopback(handle, (res, message) => error(res, 500, 'SERVER_ERROR', message))

  return {
    baseUrl: `${loopback.origin}/v1`,
    keyId,
    keySecret,
    accountNumber,
    contacts,
    fundAccounts,
    payouts,
    requests,
    failNext(statusCode, opts = {}) {
      pending.fail = { status: statusCode, afterProcessing: opts.afterProcessing ?? false, path: opts.path }
    },
    settle(payoutId, status) {
      const payout = payouts.get(payoutId)
      if (!payout) throw new Error(`fake razorpayx: no payout ${payoutId}`)
      payout.status = status
      if (status === 'processed') payout.utr = `FAKEUTR${randomBytes(5).toString('hex').toUpperCase()}`
      else payout.status_details = { description: status === 'reversed' ? 'Beneficiary bank rejected the credit' : 'Payout failed at the bank', source: 'beneficiary_bank', reason: `payout_${status}` }
      return payout
    },
    async close() {
      await loopback.close()
    },
  }
}

/** The app's environment for PAYOUTS_MODE=razorpayx against this fake, webhooks signed with `webhookSecret`. */
export function razorpayXTestEnv(fake: Pick<FakeRazorpayX, 'keyId' | 'keySecret' | 'baseUrl' | 'accountNumber'>, webhookSecret: string): Record<string, string> {
  return {
    PAYOUTS_MODE: 'razorpayx', RAZORPAYX_KEY_ID: fake.keyId, RAZORPAYX_KEY_SECRET: fake.keySecret, RAZORPAYX_ACCOUNT_NUMBER: fake.accountNumber,
    RAZORPAYX_WEBHOOK_SECRET: webhookSecret, RAZORPAYX_BASE_URL: fake.baseUrl,
  }
}
