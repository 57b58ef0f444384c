// The listing card every public list shows, as SQL fragments shared by search and the home feeds, and its row mapping.
import { sql, type SQL } from 'drizzle-orm'
import type { ListingCard } from './catalog.schemas.js'

/** Listings a parent may see: approved, of an active partner. `l`, `p`, `c`, `v` are the aliases the fragments use. */
export const CARD_JOINS = sql`join partners p on p.id = l.partner_id
  join categories c on c.id = l.category_id
  left join venues v on v.id = l.venue_id`

export const PUBLIC_LISTINGS = sql`listings l ${CARD_JOINS}`

export const IS_PUBLIC = sql`l.status = 'approved' and p.status = 'active'`

export function at(now: Date): SQL {
  return sql`${now.toISOString()}::timestamptz`
}

/** The card's columns; the next session comes from sessions_listing_starts_idx, one probe per returned row. */
export function cardColumns(now: Date): SQL {
  return sql`l.id, l.title, l.type, l.age_min, l.age_max, l.price, l.trial_available, l.city, v.area, l.lat, l.lng,
    l.rating_avg::float8 as rating_average, l.rating_count, l.images[1] as image, l.created_at,
    c.id as category_id, c.slug as category_slug, c.name as category_name,
    p.id as partner_id, p.business_name, ${nextSessionAt(now)} as next_session_at`
}

/** The listing's next scheduled session: one probe of sessions_listing_starts_idx. */
export function nextSessionAt(now: Date): SQL {
  return sql`(select min(s.starts_at) from sessions s
      where s.listing_id = l.id and s.status = 'scheduled' and s.starts_at >= ${at(now)})`
}

/** Listings whose city is one of the names (already normalised); served by the lower(city) indexes. */
export function inCities(names: readonly string[]): SQL {
  return sql`lower(l.city) in (${sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  )})`
}

export const OFFERS_TRIAL = sql`(l.trial_available or exists (
  select 1 from plan_options po where po.listing_id = l.id and po.kind = 'trial' and po.active))`

/** Rating, then newest, then id: the order of listing_public_rating_idx, total so pages never overlap. */
export const BY_RATING = sql`l.rating_avg desc nulls last, l.created_at desc nulls last, l.id`

export interface CardRow {
  id: string
  title: string
  type: ListingCard['type']
  age_min: number
  age_max: number
  price: number
  trial_available: boolean
  city: string | null
  area: string | null
  lat: number | null
  lng: number | null
  rating_average: number
  rating_count: number
  image: string | null
  created_at: Date
  category_id: string
  category_slug: string
  category_name: string
  partner_id: string
  business_name: string
  next_session_at: Date | string | null
  distance_km?: number | null
}

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

export function toListingCard(row: CardRow): ListingCard {
  const card: ListingCard = {
    id: row.id,
    title: row.title,
    type: row.type,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    age_min: row.age_min,
    age_max: row.age_max,
    price: row.price,
    trial_available: row.trial_available,
    city: row.city,
    area: row.area,
    lat: row.lat,
    lng: row.lng,
    rating: { average: Number(row.rating_average), count: row.rating_count },
    image: row.image,
    partner: { id: row.partner_id, business_name: row.business_name },
    next_session_at: row.next_session_at === null ? null : toIso(row.next_session_at),
  }
  if (row.distance_km !== undefined && row.distance_km !== null) card.distance_km = Math.round(Number(row.distance_km) * 1000) / 1000
  return card
}

export { toIso }
