// What every scheduling use case shares: its dependencies and "whose listing is this".
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { ListingNotFoundError } from '../catalog/index.js'
import { findPartnerListing, type ListingFacts } from '../listings/index.js'
import { getPartnerOfUser } from '../partners/index.js'

/**
 * What scheduling asks of bookings when a partner cancels a session that has bookings, inside the same transaction
 * (the bookings module's service implements it: full refunds, or a pack's session credited back).
 */
export interface SessionBookingsPort {
  /** Called before the transaction, so that jobs the cancellation enqueues have their queues. */
  prepareJobs?(): Promise<void>
  cancelBookingsForSession(tx: Executor, sessionId: string, reason: string): Promise<unknown>
}

export interface SchedulingDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  /** Without it, cancelling a booked session only marks it cancelled and leaves its bookings as they are. */
  sessionBookings?: SessionBookingsPort
}

/** The caller's own listing (any status); another partner's or a missing one is 404. */
export async function getOwnedListing(executor: Executor, userId: string, listingId: string, lock?: 'no key update'): Promise<ListingFacts> {
  const partner = await getPartnerOfUser(executor, userId)
  const listing = await findPartnerListing(executor, partner.id, listingId, lock)
  if (!listing) throw new ListingNotFoundError()
  return listing
}
