// SQL of the public catalog: categories, search, a listing's detail and its sessions. Built on a db or a transaction.
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { namedStatement, queryPreparedRows, queryRow, queryRows } from '../../db/query.js'
import { pageOffset, type PageQuery } from '../../shared/schemas.js'
import type { CategoryResponse, ListingCard, ListingDetailResponse, SearchListingsQuery, SessionResponse } from './catalog.schemas.js'
import { IS_PUBLIC, PUBLIC_LISTINGS, toListingCard } from './listing-card.js'
import { createHomeFeedQueries, type HomeFeedQueries } from './home-feeds.repository.js'
import { searchCountStatement, searchStatement, searchTotal, type SearchRow } from './search-query.js'
import { queryWordsStatement, toQueryWords, type QueryWordRow } from './search-words.js'

export interface SearchResult {
  items: ListingCard[]
  total: number
  /** More matches than `total`: counting stops at SEARCH_TOTAL_CAP (or one past the asked page). */
  total_capped: boolean
}

/** The next sessions a listing page shows. */
export const NEXT_SESSIONS_IN_DETAIL = 10

/** A timestamptz as JavaScript's toISOString() writes it (UTC, milliseconds, Z), so the JSON needs no conversion in Node. */
function isoText(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}

/** A session as the API answers it (json_build_object arguments; `s` is the sessions alias). */
const SESSION_FIELDS = sql`'id', s.id, 'starts_at', ${isoText(sql`s.starts_at`)}, 'ends_at', ${isoText(sql`s.ends_at`)},
  'capacity', s.capacity, 'seats_left', s.capacity - s.seats_taken`

export interface SessionWindow {
  dateFrom?: string | undefined
  dateTo?: string | undefined
}

export interface CatalogRepository extends HomeFeedQueries {
  listCategories(): Promise<CategoryResponse[]>
  /** The search SQL of GET /api/search and /api/listings (search-query.ts): one statement on listing_cards, after q's words. */
  searchListings(filters: SearchListingsQuery, now: Date): Promise<SearchResult>
  /** A public listing with its plan options and next sessions, as the API answers it (one statement), or undefined. */
  findPublicListing(id: string, now: Date): Promise<ListingDetailResponse | undefined>
  /** A page of a public listing's upcoming sessions and their total (one statement), or undefined when it is not public. */
  listUpcomingSessions(listingId: string, now: Date, window: SessionWindow, page: PageQuery): Promise<{ items: SessionResponse[]; total: number } | undefined>
}

// the listing pages' statements are built once, their values placeholders: `now` (an ISO timestamp), `id`, and for
// the sessions page `date_from`, `date_to` (the window's days in the listing's timezone), `limit` and `offset`
const NOW = sql`${sql.placeholder('now')}::timestamptz`

/** The day in placeholder `day` at 00:00 in the listing's timezone (`l`), as a timestamptz; `plusDays` later for an exclusive end. */
function localMidnight(day: 'date_from' | 'date_to', plusDays = 0): SQL {
  return sql`((${sql.placeholder(day)}::date + ${plusDays}::int)::timestamp at time zone l.timezone)`
}

/** The listing's scheduled sessions from now on (sessions_listing_starts_idx), within the window's local days. */
function upcomingSessions(window: { from: boolean; to: boolean }): SQL {
  const where: SQL[] = [sql`s.listing_id = l.id`, sql`s.status = 'scheduled'`, sql`s.starts_at >= ${NOW}`]
  if (window.from) where.push(sql`s.starts_at >= ${localMidnight('date_from')}`)
  if (window.to) where.push(sql`s.starts_at < ${localMidnight('date_to', 1)}`)
  return sql.join(where, sql` and `)
}

// planned once per connection (a lookup by primary key has one plan whatever the id), one round trip: the answer built
// by PostgreSQL in the response's own shape, with its plan options and next sessions, so Node only parses and serializes it
const listingDetail = namedStatement<{ listing: ListingDetailResponse }>(
  'catalog_listing_detail',
  sql`select json_build_object(
      'id', l.id, 'title', l.title, 'description', l.description, 'type', l.type,
      'category', json_build_object('id', c.id, 'slug', c.slug, 'name', c.name),
      'age_min', l.age_min, 'age_max', l.age_max, 'price', l.price, 'trial_available', l.trial_available, 'trial_price', l.trial_price,
      'duration_minutes', l.duration_minutes, 'what_to_bring', l.what_to_bring, 'tags', l.tags, 'images', l.images,
      'is_online', l.is_online, 'city', l.city, 'timezone', l.timezone,
      'rating', json_build_object('average', l.rating_avg::float8, 'count', l.rating_count),
      'cancellation_notice_hours', l.cancellation_notice_hours, 'reschedule_notice_hours', l.reschedule_notice_hours,
      'partner', json_build_object('id', p.id, 'business_name', p.business_name, 'logo_url', p.logo_url, 'city', p.city, 'description', p.description),
      'venue', case when v.id is not null then json_build_object(
        'name', v.name, 'address', v.address, 'area', v.area, 'city', v.city, 'state', v.state, 'pincode', v.pincode,
        'lat', v.lat, 'lng', v.lng, 'timezone', v.timezone) end,
      'plan_options', coalesce((
        select json_agg(json_build_object(
            'id', po.id, 'kind', po.kind, 'name', po.name, 'price', po.price, 'credits_price', po.credits_price,
            'sessions_count', po.sessions_count, 'validity_days', po.validity_days)
          order by po.sort_order, po.price, po.id)
        from plan_options po where po.listing_id = l.id and po.active
      ), '[]'::json),
      'next_sessions', coalesce((
        select json_agg(json_build_object(${SESSION_FIELDS}) order by s.starts_at, s.id)
        from (
          select s.id, s.starts_at, s.ends_at, s.capacity, s.seats_taken from sessions s where ${upcomingSessions({ from: false, to: false })}
          order by s.starts_at, s.id limit ${NEXT_SESSIONS_IN_DETAIL}::int
        ) s
      ), '[]'::json)
    ) as listing
    from ${PUBLIC_LISTINGS}
    where l.id = ${sql.placeholder('id')}::uuid and ${IS_PUBLIC}`,
)

/** A page of the public listing's sessions (none: no row) and their total; one statement per shape of the window. */
function sessionsPage(window: { from: boolean; to: boolean }) {
  const condition = upcomingSessions(window)
  return namedStatement<{ total: number; items: SessionResponse[] }>(
    `catalog_listing_sessions${window.from ? '_from' : ''}${window.to ? '_to' : ''}`,
    sql`select (select count(*) from sessions s where ${condition})::int as total,
        coalesce((
          select json_agg(json_build_object(${SESSION_FIELDS}) order by s.starts_at, s.id)
          from (
            select s.id, s.starts_at, s.ends_at, s.capacity, s.seats_taken from sessions s where ${condition}
            order by s.starts_at, s.id limit ${sql.placeholder('limit')}::int offset ${sql.placeholder('offset')}::int
          ) s
        ), '[]'::json) as items
      from listings l join partners p on p.id = l.partner_id
      where l.id = ${sql.placeholder('id')}::uuid and ${IS_PUBLIC}`,
  )
}

const SESSIONS_PAGES = {
  all: sessionsPage({ from: false, to: false }),
  from: sessionsPage({ from: true, to: false }),
  to: sessionsPage({ from: false, to: true }),
  both: sessionsPage({ from: true, to: true }),
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
      // named by their text, as the bench's reference does: a shape (the filters present, the sort) is parsed once per connection
      const words = filters.q === undefined ? [] : toQueryWords(await queryPreparedRows<QueryWordRow>(db, queryWordsStatement(filters.q)))
      const rows = await queryPreparedRows<SearchRow>(db, searchStatement(filters, now, words))
      let counted = rows[0]?.counted ?? 0
      if (rows.length === 0 && filters.page > 1) {
        // a page past the end has no row to carry the count: only then ask for the count on its own
        counted = (await queryRow<{ counted: number }>(db, searchCountStatement(filters, now, words)))?.counted ?? 0
      }
      return { items: rows.map(toListingCard), ...searchTotal(Number(counted), filters) }
    },

    async findPublicListing(id, now) {
      const [row] = await listingDetail(db, { id, now: now.toISOString() })
      return row?.listing
    },

    async listUpcomingSessions(listingId, now, window, page) {
      const { limit, offset } = pageOffset(page)
      const from = window.dateFrom !== undefined
      const to = window.dateTo !== undefined
      const statement = SESSIONS_PAGES[from && to ? 'both' : from ? 'from' : to ? 'to' : 'all']
      const [row] = await statement(db, { id: listingId, now: now.toISOString(), date_from: window.dateFrom, date_to: window.dateTo, limit, offset })
      return row
    },
  }
}
