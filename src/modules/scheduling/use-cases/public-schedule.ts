// What parents see of a listing's schedule: active plan options and batches, only for approved listings of active partners.
import type { PageOf, PageQuery } from '../../../shared/schemas.js'
import { pageOffset } from '../../../shared/schemas.js'
import { ListingNotFoundError } from '../../catalog/index.js'
import { findPublicListing } from '../../listings/index.js'
import type { SchedulingDeps } from '../scheduling-context.js'
import { schedulingRepository } from '../scheduling.repository.js'
import type { PublicBatchResponse, PublicPlanOptionResponse } from '../scheduling.schemas.js'
import { publicBatchView, publicPlanOptionView } from '../scheduling-views.js'

export function createPublicScheduleUseCases({ db, clock }: SchedulingDeps) {
  async function publicListing(listingId: string) {
    const listing = await findPublicListing(db, listingId)
    if (!listing) throw new ListingNotFoundError()
    return listing
  }

  return {
    async listPublicPlanOptions(listingId: string, query: PageQuery): Promise<PageOf<PublicPlanOptionResponse>> {
      const listing = await publicListing(listingId)
      const { items, total } = await schedulingRepository(db).listPlanOptions(listing.id, { activeOnly: true, ...pageOffset(query) })
      return { items: items.map(publicPlanOptionView), total, page: query.page, page_size: query.page_size }
    },

    async listPublicBatches(listingId: string, query: PageQuery): Promise<PageOf<PublicBatchResponse>> {
      const listing = await publicListing(listingId)
      const now = clock.now()
      const repo = schedulingRepository(db)
      const { items, total } = await repo.listBatches(listing.id, now, { activeOnly: true, ...pageOffset(query) })
      const next = await repo.nextSessionsOfBatches(items.map((b) => b.id), now)
      return { items: items.map((b) => publicBatchView(b, listing.timezone, next.get(b.id))), total, page: query.page, page_size: query.page_size }
    },
  }
}
