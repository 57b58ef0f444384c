// PAYOUTS_MODE=razorpayx: the job that pays an approved request (contact → fund account → payout with a stable
// X-Payout-Idempotency key), and the payout webhooks that settle it. HTTP calls happen outside every transaction.
import { notifyIfPaid } from './payout-paid.js'
import { PayoutProviderRefusedError, type ProviderPayout } from '../../integrations/razorpayx/index.js'
import type { Executor } from '../../db/database.js'
import { findPartnerPayoutDetails } from '../partners/index.js'
import type { RazorpayWebhookEvent, WebhookEventHandler } from '../payments/index.js'
import type { PayoutsDeps } from './payouts-context.js'
import { payoutsRepository, type NewPayoutRow, type PayoutRow, type PayoutStatus } from './payouts.repository.js'

/** Once here, a request never changes again: later or replayed events are ignored. */
const TERMINAL: readonly PayoutStatus[] = ['paid', 'rejected', 'failed', 'reversed']
/** Where RazorpayX may still move a request: approved (the job has not recorded the payout yet) or processing. */
const IN_FLIGHT: readonly PayoutStatus[] = ['approved', 'processing']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null)

/** What a RazorpayX payout status means for our request; undefined: still on its way. */
function outcomeOf(status: string): 'paid' | 'reversed' | 'failed' | undefined {
  if (status === 'processed') return 'paid'
  if (status === 'reversed') return 'reversed'
  if (status === 'failed' || status === 'rejected' || status === 'cancelled') return 'failed'
  return undefined
}

/** The request's next values for a payout RazorpayX reports (from the create answer or a webhook). */
function changeFor(payout: ProviderPayout, now: Date, event?: string): Partial<NewPayoutRow> {
  const outcome = event === 'payout.processed' ? 'paid' : event === 'payout.reversed' ? 'reversed' : event === 'payout.failed' ? 'failed' : outcomeOf(payout.status)
  const base = { razorpayx_payout_id: payout.id, updated_at: now }
  if (outcome === 'paid') return { ...base, status: 'paid', utr: payout.utr, paid_at: now }
  if (outcome) return { ...base, status: outcome, failure_reason: payout.failure_reason ?? `RazorpayX: payout ${payout.status}` }
  return { ...base, status: 'processing' }
}

function payoutEntityOf(event: RazorpayWebhookEvent): ProviderPayout | undefined {
  const e = event.payload.payout?.entity
  const id = str(e?.id)
  if (!e || !id) return undefined
  const details = e.status_details
  const reason = typeof details === 'object' && details !== null ? str((details as Record<string, unknown>).description) : null
  return { id, status: str(e.status) ?? '', amount: typeof e.amount === 'number' ? e.amount : 0, utr: str(e.utr), reference_id: str(e.reference_id), failure_reason: reason ?? str(e.failure_reason) }
}

export function createRazorpayXPayouts(deps: PayoutsDeps) {
  const { db, clock, provider, logger } = deps

  /** The request behind a payout: our id in reference_id, else the payout id the job stored. Locked for the caller's transaction. */
  async function findTarget(tx: Executor, payout: ProviderPayout): Promise<PayoutRow | undefined> {
    const repo = payoutsRepository(tx)
    if (payout.reference_id && UUID.test(payout.reference_id)) {
      const row = await repo.findById(payout.reference_id, 'update')
      if (row) return row
    }
    return repo.findByProviderPayoutId(payout.id, 'update')
  }

  return {
    /** The job: safe to run again at any point; the payout's idempotency key is the request's id, so RazorpayX pays once. */
    async payOut(requestId: string): Promise<void> {
      const repo = payoutsRepository(db)
      const row = await repo.findById(requestId)
      if (!row || row.status !== 'approved' || row.mode !== 'razorpayx') return
      let fundAccountId = row.razorpayx_fund_account_id
      if (!fundAccountId) {
        const partner = await findPartnerPayoutDetails(db, row.partner_id)
        if (!partner?.bank_account_encrypted || !partner.ifsc || !partner.account_holder_name) {
          await repo.transition(row.id, ['approved'], { status: 'failed', failure_reason: 'The partner has no bank account on their KYC', updated_at: clock.now() })
          return
        }
        try {
          const contact = await provider.createContact({ name: partner.business_name, email: partner.contact_email, contact: partner.contact_phone, reference_id: partner.id })
          const bank = { name: partner.account_holder_name, ifsc: partner.ifsc, account_number: deps.cipher.decrypt(partner.bank_account_encrypted) }
          fundAccountId = (await provider.createFundAccount(contact.id, bank)).id
        } catch (err) {
          if (!(err instanceof PayoutProviderRefusedError)) throw err
          await repo.transition(row.id, ['approved'], { status: 'failed', failure_reason: err.description, updated_at: clock.now() })
          return
        }
        await repo.transition(row.id, ['approved'], { razorpayx_fund_account_id: fundAccountId, updated_at: clock.now() })
      }
      let payout: ProviderPayout
      try {
        payout = await provider.createPayout({ fund_account_id: fundAccountId, amount: row.amount, reference_id: row.id, narration: 'RRRAY partner payout' }, row.id)
      } catch (err) {
        if (!(err instanceof PayoutProviderRefusedError)) throw err
        await repo.transition(row.id, ['approved'], { status: 'failed', failure_reason: err.description, updated_at: clock.now() })
        return
      }
      // a webhook may have settled it already: only a request still approved takes the create answer
      await notifyIfPaid(db, deps.notify, await repo.transition(row.id, ['approved'], changeFor(payout, clock.now())))
      logger.info({ payout_request_id: row.id, razorpayx_payout_id: payout.id, status: payout.status }, 'razorpayx payout created')
    },

    /** payout.* webhooks, inside the intake's transaction (signature checked, event id de-duplicated). */
    onEvent: (async (event, { tx, receivedAt }) => {
      if (!event.event.startsWith('payout.')) return
      const payout = payoutEntityOf(event)
      if (!payout) return
      const row = await findTarget(tx, payout)
      if (!row || TERMINAL.includes(row.status) || !IN_FLIGHT.includes(row.status) || row.mode !== 'razorpayx') return
      await notifyIfPaid(tx, deps.notify, await payoutsRepository(tx).transition(row.id, IN_FLIGHT, changeFor(payout, receivedAt, event.event)))
    }) satisfies WebhookEventHandler,
  }
}

export type RazorpayXPayouts = ReturnType<typeof createRazorpayXPayouts>
