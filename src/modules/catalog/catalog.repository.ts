// SQL of the public catalog: categories, search, a listing's detail and its sessions. Built on a db or a transaction.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow, queryRows } from '../../db/query.js'
import { planOptions } from '../../db/schema/scheduling.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import type { CategoryResponse, ListingCard, PlanOptionResponse, SearchListingsQuery, SessionResponse } from './catalog.schemas.js'
import { at, IS_PUBLIC, PUBLIC_LISTINGS, toIso, toListingCard } from './listing-card.js'
import { createHomeFeedQueries, type HomeFeedQueries } from './home-feeds.repository.js'
import { searchCountStatement, searchStatement, searchTotal, type SearchRow } from './search-query.js'

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
}

interface SessionRow {
  id: string
  starts_at: Date | string
  ends_at: Date | string
  capacity: number
  seats_left: number
  total_count?: number
}

export interface SessionWindow {
  dateFrom?: string | undefined
  dateTo?: string | undefined
}

export interface CatalogRepository extends HomeFeedQueries {
  listCategories(): Promise<CategoryResponse[]>
  /** The search SQL of GET /api/search and /api/listings (search-query.ts): one statement on listing_cards. */
  searchListings(filters: SearchListingsQuery, now: Date): Promise<SearchResult>
  findPublicListing(id: string): Promise<ListingDetailRow | undefined>
  listActivePlanOptions(listingId: string): Promise<PlanOptionResponse[]>
  listUpcomingSessions(listingId: string, timezone: string, now: Date, window: SessionWindow, page: PageQuery): Promise<{ items: SessionResponse[]; total: number }>
}

function toSession(row: SessionRow): SessionResponse {
  return { id: row.id, starts_at: toIso(row.starts_at), ends_at: toIso(row.ends_at), capacity: row.capacity, seats_left: row.seats_left }
}

/** A session's local day bounds: `day` 00:00 in the listing's timezone, as a timestamptz. */
function localMidnight(day: string, timezone: SQL, plusDays = 0): SQL {
  return sql`((${day}::date + ${plusDays}::int)::timestamp at time zone ${timezone})`
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
      const rows = await queryRows<SearchRow>(db, searchStatement(filters, now))
      let counted = rows[0]?.counted ?? 0
      if (rows.length === 0 && filters.page > 1) {
        // a page past the end has no row to carry the count: only then ask for the count on its own
        counted = (await queryRow<{ counted: number }>(db, searchCountStatement(filters, now)))?.counted ?? 0
      }
      return { items: rows.map(toListingCard), ...searchTotal(Number(counted), filters) }
    },

    async findPublicListing(id) {
      return queryRow<ListingDetailRow>(
        db,
        sql`select l.id, l.title, l.description, l.type, l.age_min, l.age_max, l.price, l.trial_available, l.trial_price,
            l.duration_minutes, l.what_to_bring, l.tags, l.images, l.is_online, l.city, l.timezone,
            l.rating_avg::float8 as rating_average, l.rating_count, l.cancellation_notice_hours, l.reschedule_notice_hours,
            c.id as category_id, c.slug as category_slug, c.name as category_name,
            p.id as partner_id, p.business_name, p.logo_url as partner_logo_url, p.city as partner_city, p.description as partner_description,
            v.id as venue_id, v.name as venue_name, v.address as venue_address, v.area as venue_area, v.city as venue_city,
            v.state as venue_state, v.pincode as venue_pincode, v.lat as venue_lat, v.lng as venue_lng, v.timezone as venue_timezone
          from ${PUBLIC_LISTINGS}
          where l.id = ${id}::uuid and ${IS_PUBLIC}`,
      )
    },

    async listActivePlanOptions(listingId) {
      return db
        .select({
          id: planOptions.id,
          kind: planOptions.kind,
          name: planOptions.name,
          price: planOptions.price,
          credits_price: planOptions.credits_price,
          sessions_count: planOptions.sessions_count,
          validity_days: planOptions.validity_days,
        })
        .from(planOptions)
        .where(and(eq(planOptions.listing_id, listingId), eq(planOptions.active, true)))
        .orderBy(asc(planOptions.sort_order), asc(planOptions.price), asc(planOptions.id))
    },

    async listUpcomingSessions(listingId, timezone, now, window, page) {
      const { limit, offset } = pageOffset(page)
      const tz = sql`${timezone}::text`
      const where: SQL[] = [sql`s.listing_id = ${listingId}::uuid`, sql`s.status = 'scheduled'`, sql`s.starts_at >= ${at(now)}`]
      if (window.dateFrom !== undefined) where.push(sql`s.starts_at >= ${localMidnight(window.dateFrom, tz)}`)
      if (window.dateTo !== undefined) where.push(sql`s.starts_at < ${localMidnight(window.dateTo, tz, 1)}`)
      const condition = sql.join(where, sql` and `)
      const rows = await queryRows<SessionRow>(
        db,
        sql`select s.id, s.starts_at, s.ends_at, s.capacity, s.capacity - s.seats_taken as seats_left, count(*) over () as total_count
          from sessions s where ${condition}
          order by s.starts_at, s.id
          limit ${limit}::int offset ${offset}::int`,
      )
      let total = rows[0]?.total_count ?? 0
      if (rows.length === 0 && offset > 0) {
        total = (await queryRow<{ total: number }>(db, sql`select count(*) as total from sessions s where ${condition}`))?.total ?? 0
      }
      return { items: rows.map(toSession), total }
    },
  }
}
