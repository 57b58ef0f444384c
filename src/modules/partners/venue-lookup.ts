// What the listings side asks of venues: is this a live venue of this partner (to attach a listing to it).
import type { Executor } from '../../db/database.js'
import { venuesRepository, type VenueRow } from './venues.repository.js'

/** A venue of this partner that is not deleted; undefined for another partner's, an archived or a missing one. */
export async function findOwnedVenue(executor: Executor, partnerId: string, venueId: string): Promise<VenueRow | undefined> {
  return venuesRepository(executor).findOwned(partnerId, venueId)
}
