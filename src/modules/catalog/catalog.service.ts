// Use cases of the public catalog: what parents browse before they sign in.
import type { Executor } from '../../db/database.js'
import { primaryReads, type ReadReplicas } from '../../db/read-replicas.js'
import type { Clock } from '../../shared/clock.js'
import type { PageOf } from '../../shared/schemas.js'
import { createTtlCache } from '../../shared/ttl-cache.js'
import { createCatalogRepository, type CatalogRepository } from './catalog.repository.js'
import type {
  CategoryResponse, HomeFeedQuery, ListingCard, ListingDetailResponse, ListListingSessionsQuery, SearchListingsQuery, SearchListingsResponse,
  SessionResponse, StartingSoonItem,
} from './catalog.schemas.js'
import { InvalidSearchFilterError, ListingNotFoundError } from './catalog.errors.js'
import { findSearchFilterProblem } from './search-filters.js'

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

export function createCatalogService(deps: { db: Executor; reads?: ReadReplicas; clock: Clock; feedCacheSeconds?: number }): CatalogService {
  // each use case reads through one executor chosen per call: a healthy read replica when configured, else the primary
  const reads = deps.reads ?? primaryReads(deps.db)
  const repositories = new WeakMap<Executor, CatalogRepository>()
  const repoOn = (executor: Executor) => {
    let repo = repositories.get(executor)
    if (!repo) repositories.set(executor, (repo = createCatalogRepository(executor)))
    return repo
  }
  const read = <T>(use: (repo: CatalogRepository) => Promise<T>) => reads.run((executor) => use(repoOn(executor)))
  const { clock } = deps
  // feeds and category counts change slowly; a short cache keeps them off the database under load
  const feeds = createTtlCache<unknown>({ ttlMs: (deps.feedCacheSeconds ?? 0) * 1000, maxEntries: 500, clock })
  const cached = <T>(key: string, load: () => Promise<T>) => feeds.get(key, load) as Promise<T>

  return {
    listCategories: () => cached('categories', () => read((repo) => repo.listCategories())),

    async searchListings(filters) {
      const problem = findSearchFilterProblem(filters)
      if (problem) throw new InvalidSearchFilterError(problem)
      const { items, total, total_capped } = await read((repo) => repo.searchListings(filters, clock.now()))
      return { items, total, total_capped, page: filters.page, page_size: filters.page_size }
    },

    async getListingDetail(id) {
      const listing = await read((repo) => repo.findPublicListing(id, clock.now()))
      if (!listing) throw new ListingNotFoundError()
      return listing
    },

    async listListingSessions(id, query) {
      if (query.date_from !== undefined && query.date_to !== undefined && query.date_from > query.date_to)
        throw new InvalidSearchFilterError('date_from must not be after date_to')
      const found = await read((repo) => repo.listUpcomingSessions(id, clock.now(), { dateFrom: query.date_from, dateTo: query.date_to }, query))
      if (!found) throw new ListingNotFoundError()
      return { items: found.items, total: found.total, page: query.page, page_size: query.page_size }
    },

    listTrending: (q) => cached(`trending:${JSON.stringify(q)}`, () => read((repo) => repo.listTrending(q, clock.now()))),
    listTrials: (q) => cached(`trials:${JSON.stringify(q)}`, () => read((repo) => repo.listTrials(q, clock.now()))),
    listForAge: (age, q) => cached(`age:${age}:${JSON.stringify(q)}`, () => read((repo) => repo.listForAge(age, q, clock.now()))),
    listStartingSoon: (q) => cached(`soon:${JSON.stringify(q)}`, () => read((repo) => repo.listStartingSoon(q, clock.now()))),
    listWeekendCamps: (q) => cached(`weekend:${JSON.stringify(q)}`, () => read((repo) => repo.listWeekendCamps(q, clock.now()))),
    forgetCachedFeeds: () => feeds.clear(),
  }
}
