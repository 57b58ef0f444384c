// SQL of the public catalog: categories, search, a listing's detail and its sessions. Built on a db or a transaction.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryNamedRows, queryRow, queryRows } from '../../db/query.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import { cityNameVariants } from './city-aliases.js'
import type { CategoryResponse, ListingCard, PlanOptionResponse, SearchListingsQuery, SessionResponse } from './catalog.schemas.js'
import {
  at, CARD_JOINS, cardColumns, type CardRow, inCities, IS_PUBLIC, nextSessionAt, OFFERS_TRIAL, PUBLIC_LISTINGS, toIso, toListingCard,
} from './listing-card.js'
import { createHomeFeedQueries, type HomeFeedQueries } from './home-feeds.repository.js'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface SearchResult {
  items: ListingCard[]
  total: number
}

export interface ListingDetailRow {
  id: string
  title: string
  description: string
  type: ListingCard['type']
  age_min: number
  age_max: number
  price: number
  trial_available: boolean
  trial_price: number | null
  duration_minutes: number
  what_to_bring: string | null
  tags: string[]
  images: string[]
  is_online: boolean
  city: string | null
  timezone: string
  rating_average: number
  rating_count: number
  cancellation_notice_hours: number | null
  reschedule_notice_hours: number | null
  category_id: string
  category_slug: string
  category_name: string
  partner_id: string
  business_name: string
  partner_logo_url: string | null
  partner_city: string | null
  partner_description: string
  venue_id: string | null
  venue_name: string | null
  venue_address: string | null
  venue_area: string | null
  venue_city: string | null
  venue_state: string | null
  venue_pincode: string | null
  venue_lat: number | null
  venue_lng: number | null
  venue_timezone: string | null
  plan_options: PlanOptionResponse[]
  next_sessions: SessionResponse[]
}

interface SessionRow {
  id: string
  starts_at: Date | string
  ends_at: Date | string
  capacity: number
  seats_left: number
}

/** The next sessions a listing page shows. */
export const NEXT_SESSIONS_IN_DETAIL = 10

/** A session as a JSON object (json_build_object arguments; `s` is the sessions alias). */
const SESSION_FIELDS = sql`'id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at, 'capacity', s.capacity, 'seats_left', s.capacity - s.seats_taken`

export interface SessionWindow {
  dateFrom?: string | undefined
  dateTo?: string | undefined
}

export interface CatalogRepository extends HomeFeedQueries {
  listCategories(): Promise<CategoryResponse[]>
  /** The search SQL of GET /api/search and /api/listings: one statement, the total from count(*) over(). */
  searchListings(filters: SearchListingsQuery, now: Date): Promise<SearchResult>
  /** A public listing with its plan options and next sessions (one statement), or undefined. */
  findPublicListing(id: string, now: Date): Promise<ListingDetailRow | undefined>
  /** A page of a public listing's upcoming sessions and their total (one statement), or undefined when it is not public. */
  listUpcomingSessions(listingId: string, now: Date, window: SessionWindow, page: PageQuery): Promise<{ items: SessionResponse[]; total: number } | undefined>
}

function toSession(row: SessionRow): SessionResponse {
  return { id: row.id, starts_at: toIso(row.starts_at), ends_at: toIso(row.ends_at), capacity: row.capacity, seats_left: row.seats_left }
}

/** A session's local day bounds: `day` 00:00 in the listing's timezone, as a timestamptz. */
function localMidnight(day: string, timezone: SQL, plusDays = 0): SQL {
  return sql`((${day}::date + ${plusDays}::int)::timestamp at time zone ${timezone})`
}

/** The listing's scheduled sessions from now on (sessions_listing_starts_idx), within the window's local days. */
function upcomingSessions(now: Date, timezone: SQL, window: SessionWindow): SQL {
  const where: SQL[] = [sql`s.listing_id = l.id`, sql`s.status = 'scheduled'`, sql`s.starts_at >= ${at(now)}`]
  if (window.dateFrom !== undefined) where.push(sql`s.starts_at >= ${localMidnight(window.dateFrom, timezone)}`)
  if (window.dateTo !== undefined) where.push(sql`s.starts_at < ${localMidnight(window.dateTo, timezone, 1)}`)
  return sql.join(where, sql` and `)
}

function hasDistance(f: SearchListingsQuery): f is SearchListingsQuery & { lat: number; lng: number; radius_km: number } {
  return f.lat !== undefined && f.lng !== undefined && f.radius_km !== undefined
}

function searchConditions(f: SearchListingsQuery, now: Date): SQL[] {
  const where: SQL[] = [IS_PUBLIC]
  if (f.q !== undefined) where.push(sql`${f.q.trim().toLowerCase()} <% l.search_text`)
  if (f.city !== undefined) where.push(inCities(cityNameVariants(f.city)))
  if (f.age !== undefined) where.push(sql`l.age_min <= ${f.age}::int and l.age_max >= ${f.age}::int`)
  if (f.category !== undefined) {
    where.push(
      UUID_PATTERN.test(f.category)
        ? sql`l.category_id = ${f.category}::uuid`
        : sql`l.category_id = (select cs.id from categories cs where cs.slug = ${f.category.trim().toLowerCase()})`,
    )
  }
  if (f.type !== undefined) where.push(sql`l.type = ${f.type}`)
  if (hasDistance(f)) {
    const origin = sql`ll_to_earth(${f.lat}::float8, ${f.lng}::float8)`
    const meters = sql`${f.radius_km * 1000}::float8`
    // the box test is what listings_earth_idx answers; the exact distance then trims the box's corners
    where.push(sql`l.lat is not null and l.lng is not null
      and earth_box(${origin}, ${meters}) @> ll_to_earth(l.lat, l.lng)
      and earth_distance(${origin}, ll_to_earth(l.lat, l.lng)) <= ${meters}`)
  }
  if (f.date_from !== undefined || f.date_to !== undefined) {
    const window: SQL[] = [sql`s.listing_id = l.id`, sql`s.status = 'scheduled'`, sql`s.starts_at >= ${at(now)}`]
    if (f.date_from !== undefined) window.push(sql`s.starts_at >= ${localMidnight(f.date_from, sql`l.timezone`)}`)
    if (f.date_to !== undefined) window.push(sql`s.starts_at < ${localMidnight(f.date_to, sql`l.timezone`, 1)}`)
    where.push(sql`exists (select 1 from sessions s where ${sql.join(window, sql` and `)})`)
  }
  if (f.min_price !== undefined) where.push(sql`l.price >= ${f.min_price}::int`)
  if (f.max_price !== undefined) where.push(sql`l.price <= ${f.max_price}::int`)
  if (f.trial_only === true) where.push(OFFERS_TRIAL)
  return where
}

function distanceKm(f: SearchListingsQuery): SQL {
  return hasDistance(f)
    ? sql`earth_distance(ll_to_earth(${f.lat}::float8, ${f.lng}::float8), ll_to_earth(l.lat, l.lng)) / 1000.0`
    : sql`null::float8`
}

// Search counts every match (count(*) over ()), so walking listings_public_rating_idx in order only adds heap visits to
// rows other filters reject; `nulls first` on a never-null column keeps the order and stops the planner choosing that walk.
const SEARCH_BY_RATING = sql`l.rating_avg desc nulls first, l.created_at desc, l.id`

function searchOrder(f: SearchListingsQuery, now: Date): SQL {
  switch (f.sort ?? 'relevance') {
    case 'distance':
      return sql`${distanceKm(f)} asc, l.id`
    case 'price':
      return sql`l.price asc, l.id`
    case 'rating':
      return SEARCH_BY_RATING
    case 'starting_soon':
      return sql`${nextSessionAt(now)} asc nulls last, l.id`
    case 'relevance':
      return f.q !== undefined ? sql`word_similarity(${f.q.trim().toLowerCase()}, l.search_text) desc, ${SEARCH_BY_RATING}` : SEARCH_BY_RATING
  }
}

export function createCatalogRepository(db: Executor): CatalogRepository {
  // Two steps in one statement: the page of ids is found on listings and partners alone (count(*) over () gives the
  // total), then only those rows are joined to category and venue and probed for their next session.
  const searchQuery = (f: SearchListingsQuery, now: Date, limit: number, offset: number): SQL => {
    const distance = distanceKm(f)
    return sql`select ${cardColumns(now)}, page.distance_km, page.total_count
      from (
        select l.id, ${distance} as distance_km, count(*) over () as total_count, row_number() over (order by ${searchOrder(f, now)}) as position
        from listings l join partners p on p.id = l.partner_id
        where ${sql.join(searchConditions(f, now), sql` and `)}
        order by ${searchOrder(f, now)}
        limit ${limit}::int offset ${offset}::int
      ) page
      join listings l on l.id = page.id ${CARD_JOINS}
      order by page.position`
  }

  return {
    ...createHomeFeedQueries(db),

    async listCategories() {
      return queryRows<CategoryResponse>(
        db,
        sql`select c.id, c.slug, c.name, c.description, c.icon, c.sort_order, coalesce(n.listing_count, 0)::int as listing_count
          from categories c
          left join (
            select l.category_id, count(*) as listing_count
            from listings l join partners p on p.id = l.partner_id
            where ${IS_PUBLIC}
            group by l.category_id
          ) n on n.category_id = c.id
          where c.active
          order by c.sort_order, c.name, c.id`,
      )
    },

    async searchListings(filters, now) {
      const { limit, offset } = pageOffset(filters)
      const rows = await queryRows<CardRow & { total_count: number }>(db, searchQuery(filters, now, limit, offset))
      let total = rows[0]?.total_count ?? 0
      if (rows.length === 0 && offset > 0) {
        // a page past the end has no row to carry the window count: only then ask for the count on its own
        const counted = await queryRow<{ total: number }>(
          db,
          sql`select count(*) as total from listings l join partners p on p.id = l.partner_id where ${sql.join(searchConditions(filters, now), sql` and `)}`,
        )
        total = counted?.total ?? 0
      }
      return { items: rows.map(toListingCard), total }
    },

    async findPublicListing(id, now) {
      // one named statement (planned once per connection, one round trip): the listing, its partner, category and venue, with its
      // active plan options and next sessions folded in as JSON arrays
      const [row] = await queryNamedRows<ListingDetailRow & { next_sessions: SessionRow[] }>(
        db,
        'catalog_listing_detail',
        sql`select l.id, l.title, l.description, l.type, l.age_min, l.age_max, l.price, l.trial_available, l.trial_price,
            l.duration_minutes, l.what_to_bring, l.tags, l.images, l.is_online, l.city, l.timezone,
            l.rating_avg::float8 as rating_average, l.rating_count, l.cancellation_notice_hours, l.reschedule_notice_hours,
            c.id as category_id, c.slug as category_slug, c.name as category_name,
            p.id as partner_id, p.business_name, p.logo_url as partner_logo_url, p.city as partner_city, p.description as partner_description,
            v.id as venue_id, v.name as venue_name, v.address as venue_address, v.area as venue_area, v.city as venue_city,
            v.state as venue_state, v.pincode as venue_pincode, v.lat as venue_lat, v.lng as venue_lng, v.timezone as venue_timezone,
            coalesce((
              select json_agg(json_build_object(
                  'id', po.id, 'kind', po.kind, 'name', po.name, 'price', po.price, 'credits_price', po.credits_price,
                  'sessions_count', po.sessions_count, 'validity_days', po.validity_days)
                order by po.sort_order, po.price, po.id)
              from plan_options po where po.listing_id = l.id and po.active
            ), '[]'::json) as plan_options,
            coalesce((
              select json_agg(json_build_object(${SESSION_FIELDS}) order by s.starts_at, s.id)
              from (
                select s.id, s.starts_at, s.ends_at, s.capacity, s.seats_taken from sessions s where ${upcomingSessions(now, sql`l.timezone`, {})}
                order by s.starts_at, s.id limit ${NEXT_SESSIONS_IN_DETAIL}::int
              ) s
            ), '[]'::json) as next_sessions
          from ${PUBLIC_LISTINGS}
          where l.id = ${id}::uuid and ${IS_PUBLIC}`,
      )
      return row && { ...row, next_sessions: row.next_sessions.map(toSession) }
    },

    async listUpcomingSessions(listingId, now, window, page) {
      const { limit, offset } = pageOffset(page)
      const condition = upcomingSessions(now, sql`l.timezone`, window)
      // one statement: no row when the listing is not public; else the page (in the listing's timezone) and the total
      // a statement name per shape of the window: a named statement's text never changes
      const shape = `${window.dateFrom === undefined ? '' : '_from'}${window.dateTo === undefined ? '' : '_to'}`
      const [row] = await queryNamedRows<{ total: number; items: SessionRow[] }>(
        db,
        `catalog_listing_sessions${shape}`,
        sql`select (select count(*) from sessions s where ${condition})::int as total,
            coalesce((
              select json_agg(json_build_object(${SESSION_FIELDS}) order by s.starts_at, s.id)
              from (
                select s.id, s.starts_at, s.ends_at, s.capacity, s.seats_taken from sessions s where ${condition}
                order by s.starts_at, s.id limit ${limit}::int offset ${offset}::int
              ) s
            ), '[]'::json) as items
          from listings l join partners p on p.id = l.partner_id
          where l.id = ${listingId}::uuid and ${IS_PUBLIC}`,
      )
      return row && { items: row.items.map(toSession), total: row.total }
    },
  }
}
