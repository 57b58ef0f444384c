// The one step that turns a purchase into credits, whatever paid it (mock, a free plan, Checkout's verify, a webhook):
// inside the caller's transaction, under the purchase's row lock, so it happens once per purchase.
import type { Executor } from '../../db/database.js'
import { DAY_MS } from '../../shared/clock.js'
import { issueInvoiceForCreditPurchase } from '../invoices/index.js'
import { grantCredits, openWallet, rollOverCredits, usableCredits } from './credit-ledger.js'
import type { CreditsDeps } from './credits-context.js'
import { CreditPurchaseNotFoundError } from './credits.errors.js'
import { purchasesRepository, type CreditPurchaseRow } from './purchases.repository.js'
import type { CreditPurchaseResponse, CreditPurchaseView } from './purchases.schemas.js'

export type ConfirmDeps = Pick<CreditsDeps, 'clock' | 'ids' | 'rolloverPercent' | 'platform'>

/** 'Bought Family: 25 credits + 3 bonus'. */
export function grantReason(purchase: Pick<CreditPurchaseRow, 'plan_name' | 'credits' | 'bonus_credits'>): string {
  const bonus = purchase.bonus_credits > 0 ? ` + ${purchase.bonus_credits} bonus` : ''
  return `Bought ${purchase.plan_name}: ${purchase.credits} credits${bonus}`
}

/**
 * Marks the purchase paid and grants its credits (plan + bonus, one `grant` entry), rolls earlier paid-plan credits over
 * (paid plans only, up to the plan's credits × rolloverPercent) and issues the invoice. Already paid → nothing changes.
 */
export async function confirmPurchase(deps: ConfirmDeps, tx: Executor, purchaseId: string, paymentRef: string | null): Promise<CreditPurchaseRow> {
  const repo = purchasesRepository(tx)
  const purchase = await repo.lockPurchase(purchaseId)
  if (!purchase) throw new CreditPurchaseNotFoundError()
  if (purchase.status === 'paid') return purchase
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + purchase.validity_days * DAY_MS)
  await repo.updatePurchase(purchaseId, { status: 'paid', paid_at: now, expires_at: expiresAt, payment_ref: paymentRef, updated_at: now })

  const ledger = { tx, ids: deps.ids, now }
  const base = { user_id: purchase.user_id, purchase_id: purchase.id, plan_id: purchase.plan_id, expires_at: expiresAt }
  await openWallet(ledger, purchase.user_id)
  await grantCredits(ledger, { ...base, credits: purchase.credits + purchase.bonus_credits, rolls_over: !purchase.is_trial, reason: grantReason(purchase) })
  // the cap is on the plan's own credits (not the bonus); the new lot expires with this plan, so it never rolls into itself
  if (!purchase.is_trial && deps.rolloverPercent > 0) {
    const cap = Math.floor((purchase.credits * deps.rolloverPercent) / 100)
    await rollOverCredits(ledger, { ...base, cap, reason: `Unused credits rolled over into ${purchase.plan_name}: {credits}` })
  }
  await issueInvoiceForCreditPurchase(tx, purchaseId, now, deps.platform)
  return (await repo.findPurchase(purchaseId))!
}

export function toPurchaseView(row: CreditPurchaseRow): CreditPurchaseView {
  return {
    id: row.id,
    plan_id: row.plan_id,
    plan_name: row.plan_name,
    status: row.status,
    amount: row.amount,
    credits: row.credits,
    bonus_credits: row.bonus_credits,
    validity_days: row.validity_days,
    is_trial: row.is_trial,
    payment_method: row.payment_method,
    razorpay_order_id: row.razorpay_order_id,
    paid_at: row.paid_at?.toISOString() ?? null,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  }
}

/** The answer for a purchase as it stands: the purchase, the wallet's usable credits, its invoice and its Razorpay order. */
export async function purchaseAnswer(executor: Executor, row: CreditPurchaseRow, now: Date, keyId: string | undefined): Promise<CreditPurchaseResponse> {
  const repo = purchasesRepository(executor)
  return {
    purchase: toPurchaseView(row),
    wallet: { balance: await usableCredits(executor, row.user_id, now) },
    invoice_id: await repo.invoiceIdOf(row.id),
    payment: row.razorpay_order_id ? { razorpay_order_id: row.razorpay_order_id, amount: row.amount, currency: 'INR', key_id: keyId ?? '' } : null,
  }
}
