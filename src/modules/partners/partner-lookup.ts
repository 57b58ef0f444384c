// What other modules ask of partners: whose profile is this, and may this partner publish.
import { eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { partners } from '../../db/schema/partners.js'
import { KycNotVerifiedError, PartnerNotFoundError, PartnerProfileNotFoundError } from './partners.errors.js'
import { partnersRepository, type PartnerRow } from './partners.repository.js'

/** The partner profile a user owns, if any. */
export async function findPartnerByUserId(executor: Executor, userId: string): Promise<PartnerRow | undefined> {
  return partnersRepository(executor).findByUserId(userId)
}

/** The signed-in user's own partner profile, or 404 PARTNER_PROFILE_NOT_FOUND; `update` locks the row for the caller's transaction. */
export async function getPartnerOfUser(executor: Executor, userId: string, lock?: 'update'): Promise<PartnerRow> {
  const partner = await partnersRepository(executor).findByUserId(userId, lock)
  if (!partner) throw new PartnerProfileNotFoundError()
  return partner
}

/**
 * Only an active partner with verified KYC may publish (submit or have approved) a listing; otherwise 409 KYC_NOT_VERIFIED.
 * Call it inside the publishing transaction: the row is share-locked, so a concurrent KYC change waits for the publish.
 */
export async function assertPartnerCanPublish(tx: Executor, partnerId: string): Promise<void> {
  const [row] = await tx
    .select({ status: partners.status, kyc_status: partners.kyc_status })
    .from(partners)
    .where(eq(partners.id, partnerId))
    .limit(1)
    .for('share')
  if (!row) throw new PartnerNotFoundError()
  if (row.status !== 'active') throw new KycNotVerifiedError('This partner is suspended and cannot publish listings')
  if (row.kyc_status !== 'verified')
    throw new KycNotVerifiedError(`Listings can be published once KYC is verified; KYC is ${row.kyc_status.replace('_', ' ')}`)
}
