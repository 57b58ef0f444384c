// Listing cards by id, public or not, for lists a parent keeps (the wishlist): each says whether the public may still
// see it and, when it may, the seats left in its next session.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRows } from '../../db/query.js'
import { at, CARD_JOINS, cardColumns, IS_PUBLIC, toListingCard, type CardRow } from './listing-card.js'
import type { ListingCard } from './catalog.schemas.js'

export interface KeptListingCard {
  card: ListingCard
  /** Approved, of an active partner: false once it stopped being public (then no session or seats are shown). */
  available: boolean
  /** Seats left in the next scheduled session; null without one, or when unavailable. */
  seats_left: number | null
}

/** The cards of these listings, in no particular order; ids of listings that do not exist are left out. */
export async function findListingCards(executor: Executor, ids: readonly string[], now: Date): Promise<KeptListingCard[]> {
  if (ids.length === 0) return []
  const rows = await queryRows<CardRow & { available: boolean; seats_left: number | null }>(
    executor,
    sql`select ${cardColumns(now)}, (${IS_PUBLIC}) as available,
          (select s.capacity - s.seats_taken from sessions s
            where s.listing_id = l.id and s.status = 'scheduled' and s.starts_at >= ${at(now)}
            order by s.starts_at limit 1) as seats_left
        from listings l ${CARD_JOINS}
        where l.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  )
  return rows.map((row) => {
    const available = row.available
    const card = toListingCard(available ? row : { ...row, next_session_at: null })
    return { card, available, seats_left: available && row.seats_left !== null ? Math.max(0, Number(row.seats_left)) : null }
  })
}
