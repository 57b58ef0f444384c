// Use cases of the public catalog: what parents browse before they sign in.
import type { Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { PageOf } from '../../shared/schemas.js'
import { createTtlCache } from '../../shared/ttl-cache.js'
import { createCatalogRepository } from './catalog.repository.js'
import type {
  CategoryResponse, HomeFeedQuery, ListingCard, ListingDetailResponse, ListListingSessionsQuery, SearchListingsQuery, SearchListingsResponse,
  SessionResponse, StartingSoonItem,
} from './catalog.schemas.js'
import { InvalidSearchFilterError, ListingNotFoundError } from './catalog.errors.js'
import { findSearchFilterProblem } from './search-filters.js'

export const NEXT_SESSIONS_IN_DETAIL = 10

export interface CatalogService {
  listCategories(): Promise<CategoryResponse[]>
  searchListings(filters: SearchListingsQuery): Promise<SearchListingsResponse>
  getListingDetail(id: string): Promise<ListingDetailResponse>
  listListingSessions(id: string, query: ListListingSessionsQuery): Promise<PageOf<SessionResponse>>
  listTrending(query: HomeFeedQuery): Promise<ListingCard[]>
  listTrials(query: HomeFeedQuery): Promise<ListingCard[]>
  listForAge(age: number, query: HomeFeedQuery): Promise<ListingCard[]>
  listStartingSoon(query: HomeFeedQuery): Promise<StartingSoonItem[]>
  listWeekendCamps(query: HomeFeedQuery): Promise<ListingCard[]>
  /** Drops this process's cached feeds and category counts, after a change that hides or shows listings at once. */
  forgetCachedFeeds(): void
}

export function createCatalogService(deps: { db: Executor; clock: Clock; feedCacheSeconds?: number }): CatalogService {
  const repo = createCatalogRepository(deps.db)
  const { clock } = deps
  // feeds and category counts change slowly; a short cache keeps them off the database under load
  const feeds = createTtlCache<unknown>({ ttlMs: (deps.feedCacheSeconds ?? 0) * 1000, maxEntries: 500, clock })
  const cached = <T>(key: string, load: () => Promise<T>) => feeds.get(key, load) as Promise<T>

  const getPublicListing = async (id: string) => {
    const listing = await repo.findPublicListing(id)
    if (!listing) throw new ListingNotFoundError()
    return listing
  }

  return {
    listCategories: () => cached('categories', () => repo.listCategories()),

    async searchListings(filters) {
      const problem = findSearchFilterProblem(filters)
      if (problem) throw new InvalidSearchFilterError(problem)
      const { items, total, total_capped } = await repo.searchListings(filters, clock.now())
      return { items, total, total_capped, page: filters.page, page_size: filters.page_size }
    },

    async getListingDetail(id) {
      const now = clock.now()
      const l = await getPublicListing(id)
      const [plans, sessions] = await Promise.all([
        repo.listActivePlanOptions(id),
        repo.listUpcomingSessions(id, l.timezone, now, {}, { page: 1, page_size: NEXT_SESSIONS_IN_DETAIL }),
      ])
      return {
        id: l.id,
        title: l.title,
        description: l.description,
        type: l.type,
        category: { id: l.category_id, slug: l.category_slug, name: l.category_name },
        age_min: l.age_min,
        age_max: l.age_max,
        price: l.price,
        trial_available: l.trial_available,
        trial_price: l.trial_price,
        duration_minutes: l.duration_minutes,
        what_to_bring: l.what_to_bring,
        tags: l.tags,
        images: l.images,
        is_online: l.is_online,
        city: l.city,
        timezone: l.timezone,
        rating: { average: Number(l.rating_average), count: l.rating_count },
        cancellation_notice_hours: l.cancellation_notice_hours,
        reschedule_notice_hours: l.reschedule_notice_hours,
        partner: { id: l.partner_id, business_name: l.business_name, logo_url: l.partner_logo_url, city: l.partner_city, description: l.partner_description },
        venue:
          l.venue_id === null
            ? null
            : {
                name: l.venue_name ?? '',
                address: l.venue_address ?? '',
                area: l.venue_area,
                city: l.venue_city ?? '',
                state: l.venue_state,
                pincode: l.venue_pincode,
                lat: l.venue_lat ?? 0,
                lng: l.venue_lng ?? 0,
                timezone: l.venue_timezone ?? l.timezone,
              },
        plan_options: plans,
        next_sessions: sessions.items,
      }
    },

    async listListingSessions(id, query) {
      if (query.date_from !== undefined && query.date_to !== undefined && query.date_from > query.date_to)
        throw new InvalidSearchFilterError('date_from must not be after date_to')
      const listing = await getPublicListing(id)
      const { items, total } = await repo.listUpcomingSessions(
        id,
        listing.timezone,
        clock.now(),
        { dateFrom: query.date_from, dateTo: query.date_to },
        query,
      )
      return { items, total, page: query.page, page_size: query.page_size }
    },

    listTrending: (q) => cached(`trending:${JSON.stringify(q)}`, () => repo.listTrending(q, clock.now())),
    listTrials: (q) => cached(`trials:${JSON.stringify(q)}`, () => repo.listTrials(q, clock.now())),
    listForAge: (age, q) => cached(`age:${age}:${JSON.stringify(q)}`, () => repo.listForAge(age, q, clock.now())),
    listStartingSoon: (q) => cached(`soon:${JSON.stringify(q)}`, () => repo.listStartingSoon(q, clock.now())),
    listWeekendCamps: (q) => cached(`weekend:${JSON.stringify(q)}`, () => repo.listWeekendCamps(q, clock.now())),
    forgetCachedFeeds: () => feeds.clear(),
  }
}
