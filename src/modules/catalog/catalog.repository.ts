// SQL of the public catalog: categories, search, a listing's detail and its sessions. Built on a db or a transaction.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryNamedRows, queryRow, queryRows } from '../../db/query.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import type { CategoryResponse, ListingCard, PlanOptionResponse, SearchListingsQuery, SessionResponse } from './catalog.schemas.js'
import { at, IS_PUBLIC, PUBLIC_LISTINGS, toIso, toListingCard } from './listing-card.js'
import { createHomeFeedQueries, type HomeFeedQueries } from './home-feeds.repository.js'
import { searchCountStatement, searchStatement, searchTotal, type SearchRow } from './search-query.js'
import { queryWordsStatement, toQueryWords, type QueryWordRow } from './search-words.js'

export interface SearchResult {
  items: ListingCard[]
  total: number
  /** More matches than `total`: counting stops at SEARCH_TOTAL_CAP (or one past the asked page). */
  total_capped: boolean
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
  /** The search SQL of GET /api/search and /api/listings (search-query.ts): one statement on listing_cards, after q's words. */
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

export function createCatalogRepository(db: Executor): CatalogRepository {
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
      // q's words are matched against the vocabulary first, so the search finds cards by words and ranks by known tiers
      const words = filters.q === undefined ? [] : toQueryWords(await queryRows<QueryWordRow>(db, queryWordsStatement(filters.q)))
      const rows = await queryRows<SearchRow>(db, searchStatement(filters, now, words))
      let counted = rows[0]?.counted ?? 0
      if (rows.length === 0 && filters.page > 1) {
        // a page past the end has no row to carry the count: only then ask for the count on its own
        counted = (await queryRow<{ counted: number }>(db, searchCountStatement(filters, now, words)))?.counted ?? 0
      }
      return { items: rows.map(toListingCard), ...searchTotal(Number(counted), filters) }
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
