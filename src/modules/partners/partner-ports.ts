// What partners asks of the modules built on it, inside its own transaction: listings and scheduling import partners,
// so partners cannot import them back; they implement these ports and app.ts hands them in.
import type { Executor } from '../../db/database.js'

export interface VenueLocation {
  id: string
  city: string
  lat: number
  lng: number
  timezone: string
}

/** Implemented by the listings module. */
export interface PartnerListingsPort {
  /** The business name is part of each of the partner's listings' search text. */
  renamePartner(tx: Executor, partnerId: string, businessName: string): Promise<void>
  /** Listings carry their venue's city, coordinates and time zone so search reads one table; returns how many moved. */
  copyVenueLocation(tx: Executor, venue: VenueLocation, at: Date): Promise<number>
  countVenueListings(tx: Executor, venueId: string): Promise<number>
  /** Per partner: its listings (any status but archived) and how many are approved; partners with none are absent. */
  countPartnerListings(executor: Executor, partnerIds: readonly string[]): Promise<Array<{ partner_id: string; listings: number; approved: number }>>
}

/** Implemented by the bookings module: per partner, bookings ever confirmed and their amount in paise; none = absent. */
export type PartnerBookingFiguresQuery = (executor: Executor, partnerIds: readonly string[]) => Promise<Array<{ partner_id: string; bookings_count: number; gmv: number }>>

/** Implemented by the scheduling module: scheduled sessions still to come at a venue, and the first one's start. */
export interface VenueSessionsPort {
  upcomingSessionsAt(tx: Executor, venueId: string, now: Date): Promise<{ count: number; next: Date | undefined }>
}
