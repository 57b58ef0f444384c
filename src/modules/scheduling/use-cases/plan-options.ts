// A partner's plan options: what a listing sells (single, trial, pack, monthly) and at what price.
import type { PageOf, PageQuery } from '../../../shared/schemas.js'
import { pageOffset } from '../../../shared/schemas.js'
import { normalisePlanOption } from '../plan-option-rules.js'
import { getOwnedListing, type SchedulingDeps } from '../scheduling-context.js'
import { PlanOptionInUseError, PlanOptionNotFoundError, TrialOptionExistsError } from '../scheduling.errors.js'
import { schedulingRepository } from '../scheduling.repository.js'
import type { CreatePlanOptionBody, PlanOptionResponse, UpdatePlanOptionBody } from '../scheduling.schemas.js'
import { planOptionView } from '../scheduling-views.js'

export function createPlanOptionUseCases({ db, clock, ids }: SchedulingDeps) {
  return {
    async listPlanOptions(userId: string, listingId: string, query: PageQuery): Promise<PageOf<PlanOptionResponse>> {
      const listing = await getOwnedListing(db, userId, listingId)
      const { items, total } = await schedulingRepository(db).listPlanOptions(listing.id, { activeOnly: false, ...pageOffset(query) })
      return { items: items.map(planOptionView), total, page: query.page, page_size: query.page_size }
    },

    async createPlanOption(userId: string, listingId: string, body: CreatePlanOptionBody): Promise<PlanOptionResponse> {
      const counts = normalisePlanOption(body)
      return db.transaction(async (tx) => {
        // the listing row lock serialises "at most one active trial" between concurrent writes
        const listing = await getOwnedListing(tx, userId, listingId, 'no key update')
        const repo = schedulingRepository(tx)
        if (body.kind === 'trial' && (await repo.hasActiveTrial(listing.id))) throw new TrialOptionExistsError()
        const now = clock.now()
        const row = await repo.insertPlanOption({
          id: ids.next(),
          listing_id: listing.id,
          kind: body.kind,
          name: body.name.trim(),
          price: body.price,
          credits_price: body.credits_price ?? null,
          ...counts,
          sort_order: body.sort_order ?? 0,
          active: true,
          created_at: now,
          updated_at: now,
        })
        return planOptionView(row)
      })
    },

    async updatePlanOption(userId: string, listingId: string, optionId: string, body: UpdatePlanOptionBody): Promise<PlanOptionResponse> {
      return db.transaction(async (tx) => {
        const listing = await getOwnedListing(tx, userId, listingId, 'no key update')
        const repo = schedulingRepository(tx)
        const current = await repo.findPlanOption(listing.id, optionId)
        if (!current) throw new PlanOptionNotFoundError()
        const kind = body.kind ?? current.kind
        const kindChanged = kind !== current.kind
        if (kindChanged && (await repo.isPlanOptionBooked(current.id))) throw new PlanOptionInUseError()
        // a new kind re-derives the counts it is not given
        const counts = normalisePlanOption({
          kind,
          sessions_count: body.sessions_count ?? (kindChanged ? undefined : current.sessions_count),
          validity_days: body.validity_days !== undefined ? body.validity_days : kindChanged ? undefined : current.validity_days,
        })
        const active = body.active ?? current.active
        if (kind === 'trial' && active && (await repo.hasActiveTrial(listing.id, current.id))) throw new TrialOptionExistsError()
        const row = await repo.updatePlanOption(current.id, {
          kind,
          ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          ...(body.price !== undefined ? { price: body.price } : {}),
          ...(body.credits_price !== undefined ? { credits_price: body.credits_price } : {}),
          ...(body.sort_order !== undefined ? { sort_order: body.sort_order } : {}),
          ...counts,
          active,
          updated_at: clock.now(),
        })
        return planOptionView(row)
      })
    },

    /** Deleted when no booking names it; otherwise deactivated (hidden from parents, kept for its bookings). */
    async removePlanOption(userId: string, listingId: string, optionId: string): Promise<{ id: string; outcome: 'deleted' | 'deactivated' }> {
      return db.transaction(async (tx) => {
        const listing = await getOwnedListing(tx, userId, listingId)
        const repo = schedulingRepository(tx)
        const current = await repo.findPlanOption(listing.id, optionId)
        if (!current) throw new PlanOptionNotFoundError()
        if (await repo.isPlanOptionBooked(current.id)) {
          await repo.updatePlanOption(current.id, { active: false, updated_at: clock.now() })
          return { id: current.id, outcome: 'deactivated' as const }
        }
        await repo.deletePlanOption(current.id)
        return { id: current.id, outcome: 'deleted' as const }
      })
    },
  }
}
