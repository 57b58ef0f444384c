// What other modules read and write of partners and venues; each runs on the caller's executor (its transaction).
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { partners, venues } from '../../db/schema/partners.js'

export async function findPartnerNames(executor: Executor, ids: readonly string[]): Promise<Array<{ id: string; business_name: string }>> {
  if (ids.length === 0) return []
  return executor.select({ id: partners.id, business_name: partners.business_name }).from(partners).where(inArray(partners.id, [...ids]))
}

/** The user who runs this partner, if the partner exists. */
export async function findPartnerUserId(executor: Executor, partnerId: string): Promise<string | undefined> {
  const [row] = await executor.select({ user_id: partners.user_id }).from(partners).where(eq(partners.id, partnerId))
  return row?.user_id
}

/** The logo's URL is the one column of partners the listings module's media store writes. */
export async function setPartnerLogo(executor: Executor, partnerId: string, url: string, at: Date): Promise<void> {
  await executor.update(partners).set({ logo_url: url, updated_at: at }).where(eq(partners.id, partnerId))
}

/** Serialises concurrent photo uploads to one venue, so the count check and the insert are one step. */
export async function lockVenue(executor: Executor, venueId: string): Promise<void> {
  await executor.select({ id: venues.id }).from(venues).where(eq(venues.id, venueId)).for('update')
}

/** The ids of active partners as a subquery, so a caller keeps "of an active partner" inside its own single query. */
export function activePartnerIds(executor: Executor) {
  return executor.select({ id: partners.id }).from(partners).where(eq(partners.status, 'active'))
}

/** What paying a partner through RazorpayX needs: the business, its contact and the KYC bank account (number still encrypted). */
export async function findPartnerPayoutDetails(executor: Executor, partnerId: string) {
  const [row] = await executor
    .select({
      id: partners.id,
      business_name: partners.business_name,
      contact_email: partners.contact_email,
      contact_phone: partners.contact_phone,
      bank_account_encrypted: partners.bank_account_encrypted,
      ifsc: partners.ifsc,
      account_holder_name: partners.account_holder_name,
    })
    .from(partners)
    .where(eq(partners.id, partnerId))
  return row
}

/**
 * Serialises rating writes of one partner: every review write, edit, hide and restore of any of its listings takes this
 * row lock first, so the averages it then recomputes (in a new statement) see every committed review.
 */
export async function lockPartnerRating(executor: Executor, partnerId: string): Promise<void> {
  await executor.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).for('no key update')
}

/** The partner's rating over the visible reviews of all its listings, written by the reviews module. */
export async function setPartnerRating(executor: Executor, partnerId: string, rating: { avg: string; count: number }): Promise<void> {
  await executor.update(partners).set({ rating_avg: rating.avg, rating_count: rating.count }).where(eq(partners.id, partnerId))
}

/** Whether the partner exists and is active: what the public may see of it. */
export async function isActivePartner(executor: Executor, partnerId: string): Promise<boolean> {
  const [row] = await executor.select({ id: partners.id }).from(partners).where(and(eq(partners.id, partnerId), eq(partners.status, 'active')))
  return row !== undefined
}
