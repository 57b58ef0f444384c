// Admins review listings: the queue, approve and reject. Every decision writes its audit row in the same transaction.
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { pageOffset, type PageOf } from '../../shared/schemas.js'
import { recordAudit, type AuditActor } from '../audit/index.js'
import { ListingNotFoundError } from '../catalog/index.js'
import { assertPartnerCanPublish, findPartnerUserId } from '../partners/index.js'
import type { Notify } from '../notifications/index.js'
import { transition, type ListingEvent } from './listing-status.js'
import { adminListingResponses } from './listing-views.js'
import { ListingRejectionReasonRequiredError } from './listings.errors.js'
import { listingsRepository, type ListingChanges, type ListingRow } from './listings.repository.js'
import type { AdminListingResponse, AdminListListingsQuery } from './listings.schemas.js'

export interface ListingModerationDeps {
  db: Db
  clock: Clock
  /** Tells the partner about the decision, in its transaction. */
  notify?: Notify
}

const snapshot = (row: ListingRow) => ({
  status: row.status,
  rejection_reason: row.rejection_reason,
  published_at: row.published_at ? row.published_at.toISOString() : null,
})

export function createListingModerationService(deps: ListingModerationDeps) {
  const { db, clock } = deps

  async function decide(admin: AuditActor, listingId: string, event: Extract<ListingEvent, 'approve' | 'reject'>, reason?: string): Promise<AdminListingResponse> {
    return db.transaction(async (tx) => {
      const repo = listingsRepository(tx)
      const current = await repo.findById(listingId, 'update')
      if (!current) throw new ListingNotFoundError()
      const status = transition(current.status, event)
      const now = clock.now()
      const changes: ListingChanges =
        event === 'approve'
          ? { status, rejection_reason: null, published_at: now, updated_at: now }
          : { status, rejection_reason: reason ?? null, updated_at: now }
      // a partner whose KYC lapsed or who was suspended since submitting cannot be published
      if (event === 'approve') await assertPartnerCanPublish(tx, current.partner_id)
      const updated = await repo.update(current.id, changes)
      await recordAudit(tx, {
        actor_id: admin.id,
        ip: admin.ip,
        action: `listing.${event}`,
        target_type: 'listing',
        target_id: current.id,
        before: snapshot(current),
        after: snapshot(updated),
        created_at: now,
      })
      const owner = await findPartnerUserId(tx, current.partner_id)
      const decision = event === 'approve' ? { kind: 'listing_approved' as const, data: { listing_id: current.id } } : { kind: 'listing_rejected' as const, data: { listing_id: current.id, reason: reason ?? '' } }
      if (owner) await deps.notify?.(tx, { user_id: owner, event_key: `listing-${event}:${current.id}:${now.toISOString()}`, ...decision })
      const [response] = await adminListingResponses(tx, [updated])
      return response!
    })
  }

  return {
    async listListings(query: AdminListListingsQuery): Promise<PageOf<AdminListingResponse>> {
      const { limit, offset } = pageOffset(query)
      const { items, total } = await listingsRepository(db).list(
        { status: query.status, partnerId: query.partner_id, titleContains: query.q?.trim() },
        limit,
        offset,
      )
      return { items: await adminListingResponses(db, items), total, page: query.page, page_size: query.page_size }
    },

    /** pending_approval → approved (published_at is set); anything else is 409. */
    approveListing: (admin: AuditActor, listingId: string) => decide(admin, listingId, 'approve'),

    /** pending_approval → rejected with a reason the partner sees. */
    async rejectListing(admin: AuditActor, listingId: string, reason: string): Promise<AdminListingResponse> {
      const cleaned = reason.trim()
      if (cleaned.length < 3) throw new ListingRejectionReasonRequiredError()
      return decide(admin, listingId, 'reject', cleaned)
    },
  }
}

export type ListingModerationService = ReturnType<typeof createListingModerationService>
