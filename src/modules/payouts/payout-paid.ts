// Tells the partner their money left, in the transaction that marked the request paid (by an admin or by RazorpayX).
import type { Executor } from '../../db/database.js'
import type { Notify } from '../notifications/index.js'
import { findPartnerUserId } from '../partners/index.js'
import type { PayoutRow } from './payouts.repository.js'

export async function notifyIfPaid(executor: Executor, notify: Notify | undefined, row: PayoutRow | undefined): Promise<void> {
  if (!notify || row?.status !== 'paid') return
  const userId = await findPartnerUserId(executor, row.partner_id)
  if (!userId) return
  await notify(executor, { user_id: userId, kind: 'payout_paid', event_key: `payout-paid:${row.id}`, data: { payout_id: row.id, amount: row.amount, utr: row.utr } })
}
