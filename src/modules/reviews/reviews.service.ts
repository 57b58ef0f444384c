// Reviews: written by parents for attended bookings, replied to once by partners, hidden and restored by admins. Every
// write recomputes the listing's and the partner's rating from the visible reviews in the same transaction, after
// taking the partner's rating lock, so concurrent writes never leave a stale average.
import type { Notify } from '../notifications/index.js'
import type { BadgeTrigger } from '../badges/index.js'
import type { Db, Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import { pageOffset, type PageOf, type PageQuery } from '../../shared/schemas.js'
import { recordAudit } from '../audit/index.js'
import { BookingNotFoundError, findBookingAttendance } from '../bookings/index.js'
import { ListingNotFoundError } from '../catalog/index.js'
import { findListingBookingFacts, findPublicListing, setListingRating } from '../listings/index.js'
import { getPartnerOfUser, isActivePartner, lockPartnerRating, PartnerNotFoundError, setPartnerRating } from '../partners/index.js'
import { isEditable } from './review-rules.js'
import {
  BookingNotAttendedError, NoReviewChangesError, ReviewAlreadyHiddenError, ReviewAlreadyRepliedError, ReviewEditWindowClosedError, ReviewExistsError,
  ReviewNotFoundError, ReviewNotHiddenError,
} from './reviews.errors.js'
import { reviewsRepository, type ReviewRow } from './reviews.repository.js'
import type {
  AdminReviewResponse, AdminReviewsQuery, CreateReviewBody, ListingReviewsResponse, MyReviewResponse, PartnerReviewsQuery, PublicReviewResponse,
  PublicReviewsQuery, UpdateReviewBody,
} from './reviews.schemas.js'
import { toAdminReviews, toMyReviews, toPublicReviews } from './review-views.js'

export interface ReviewsServiceDeps {
  db: Db
  clock: Clock
  ids: IdGenerator
  /** The reviewer hears of the partner's reply (review_reply), in the reply's transaction. */
  notify?: Notify
  /** A first review may earn a badge: the evaluation is enqueued in the review's transaction. */
  earnBadges?: BadgeTrigger
}

/** The listing's and the partner's rating, recomputed from the visible reviews; the caller holds lockPartnerRating. */
export async function refreshRatings(tx: Executor, listingId: string, partnerId: string): Promise<void> {
  const repo = reviewsRepository(tx)
  await setListingRating(tx, listingId, await repo.rating({ listingId }))
  await setPartnerRating(tx, partnerId, await repo.rating({ partnerId }))
}

const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!

/** What the audit trail keeps of a review: who, what and its state, not its photos. */
function auditSnapshot(row: ReviewRow): Record<string, unknown> {
  return { rating: row.rating, text: row.text, hidden_at: row.hidden_at?.toISOString() ?? null, hidden_reason: row.hidden_reason, listing_id: row.listing_id }
}

export function createReviewsService(deps: ReviewsServiceDeps) {
  const { db, clock, ids } = deps

  /** Finds the review, then takes its partner's rating lock and the review's row lock, in that order on every path. */
  async function lockReview(tx: Executor, reviewId: string): Promise<ReviewRow> {
    const found = await reviewsRepository(tx).findById(reviewId)
    if (!found) throw new ReviewNotFoundError()
    await lockPartnerRating(tx, found.partner_id)
    return (await reviewsRepository(tx).findById(reviewId, 'update'))!
  }

  async function page<T>(rows: { items: ReviewRow[]; total: number }, query: PageQuery, view: (rows: ReviewRow[]) => Promise<T[]>): Promise<PageOf<T>> {
    return { items: await view(rows.items), total: rows.total, page: query.page, page_size: query.page_size }
  }

  /** A page of the visible reviews of one listing or partner, with their rating and histogram. */
  async function publicReviews(of: { listingId: string } | { partnerId: string }, query: PublicReviewsQuery): Promise<ListingReviewsResponse> {
    const repo = reviewsRepository(db)
    const { limit, offset } = pageOffset(query)
    const [rows, histogram, rating] = await readAll(
      db,
      () => repo.page({ ...of, visible: true }, query.sort, limit, offset),
      () => repo.histogram(of),
      () => repo.rating(of),
    )
    return { ...(await page(rows, query, (r) => toPublicReviews(db, r))), rating: { average: Number(rating.avg), count: rating.count, histogram } }
  }

  return {
    async createReview(userId: string, body: CreateReviewBody): Promise<MyReviewResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const booking = await findBookingAttendance(tx, userId, body.booking_id, now)
        if (!booking) throw new BookingNotFoundError()
        if (!booking.attended) throw new BookingNotAttendedError()
        const listing = await findListingBookingFacts(tx, booking.listing_id)
        if (!listing) throw new BookingNotFoundError()
        await lockPartnerRating(tx, listing.partner_id)
        const row = await reviewsRepository(tx).insert({
          id: ids.next(), booking_id: booking.id, user_id: userId, listing_id: listing.id, partner_id: listing.partner_id,
          rating: body.rating, text: (body.text ?? '').trim(), created_at: now, updated_at: now,
        })
        if (!row) throw new ReviewExistsError()
        await refreshRatings(tx, row.listing_id, row.partner_id)
        await deps.earnBadges?.(tx, { user_id: userId, event_key: `review-created:${row.id}` })
        return one(toMyReviews(tx, [row]))
      })
    },

    async updateReview(userId: string, reviewId: string, body: UpdateReviewBody): Promise<MyReviewResponse> {
      if (body.rating === undefined && body.text === undefined) throw new NoReviewChangesError()
      const now = clock.now()
      return db.transaction(async (tx) => {
        const current = await lockReview(tx, reviewId)
        if (current.user_id !== userId) throw new ReviewNotFoundError()
        if (!isEditable(current.created_at, now)) throw new ReviewEditWindowClosedError()
        const updated = await reviewsRepository(tx).update(reviewId, {
          ...(body.rating !== undefined ? { rating: body.rating } : {}),
          ...(body.text !== undefined ? { text: body.text.trim() } : {}),
          updated_at: now,
        })
        await refreshRatings(tx, updated.listing_id, updated.partner_id)
        return one(toMyReviews(tx, [updated]))
      })
    },

    async listMyReviews(userId: string, query: PageQuery): Promise<PageOf<MyReviewResponse>> {
      const { limit, offset } = pageOffset(query)
      return page(await reviewsRepository(db).page({ userId }, 'newest', limit, offset), query, (rows) => toMyReviews(db, rows))
    },

    async listListingReviews(listingId: string, query: PublicReviewsQuery): Promise<ListingReviewsResponse> {
      if (!(await findPublicListing(db, listingId))) throw new ListingNotFoundError()
      return publicReviews({ listingId }, query)
    },

    async listPartnerReviews(partnerId: string, query: PublicReviewsQuery): Promise<ListingReviewsResponse> {
      if (!(await isActivePartner(db, partnerId))) throw new PartnerNotFoundError()
      return publicReviews({ partnerId }, query)
    },

    /** The signed-in partner's reviews (visible ones: a hidden review is out of every read but the author's and the admins'). */
    async listOwnPartnerReviews(userId: string, query: PartnerReviewsQuery): Promise<PageOf<PublicReviewResponse>> {
      const partner = await getPartnerOfUser(db, userId)
      const { limit, offset } = pageOffset(query)
      const filter = { partnerId: partner.id, visible: true, listingId: query.listing_id, unreplied: query.unreplied, rating: query.rating }
      return page(await reviewsRepository(db).page(filter, query.sort, limit, offset), query, (rows) => toPublicReviews(db, rows))
    },

    async replyToReview(userId: string, reviewId: string, reply: string): Promise<PublicReviewResponse> {
      const partner = await getPartnerOfUser(db, userId)
      return db.transaction(async (tx) => {
        const repo = reviewsRepository(tx)
        const updated = await repo.setReply(reviewId, partner.id, reply.trim(), clock.now())
        if (updated) {
          await deps.notify?.(tx, { user_id: updated.user_id, kind: 'review_reply', event_key: `review-reply:${updated.id}`, data: { review_id: updated.id, listing_id: updated.listing_id } })
          return one(toPublicReviews(tx, [updated]))
        }
        const current = await repo.findById(reviewId)
        if (!current || current.partner_id !== partner.id || current.hidden_at !== null) throw new ReviewNotFoundError()
        throw new ReviewAlreadyRepliedError()
      })
    },

    async listReviewsForAdmin(query: AdminReviewsQuery): Promise<PageOf<AdminReviewResponse>> {
      const { limit, offset } = pageOffset(query)
      const filter = { listingId: query.listing_id, partnerId: query.partner_id, visible: query.hidden === undefined ? undefined : !query.hidden }
      return page(await reviewsRepository(db).page(filter, 'newest', limit, offset), query, (rows) => toAdminReviews(db, rows))
    },

    async hideReview(adminId: string, reviewId: string, reason: string): Promise<AdminReviewResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const current = await lockReview(tx, reviewId)
        if (current.hidden_at !== null) throw new ReviewAlreadyHiddenError()
        const updated = await reviewsRepository(tx).update(reviewId, { hidden_at: now, hidden_reason: reason.trim(), hidden_by: adminId, updated_at: now })
        await refreshRatings(tx, updated.listing_id, updated.partner_id)
        await recordAudit(tx, {
          actor_id: adminId, action: 'review.hide', target_type: 'review', target_id: reviewId,
          before: auditSnapshot(current), after: { ...auditSnapshot(updated), reason: reason.trim() }, created_at: now,
        })
        return one(toAdminReviews(tx, [updated]))
      })
    },

    async restoreReview(adminId: string, reviewId: string, reason: string): Promise<AdminReviewResponse> {
      const now = clock.now()
      return db.transaction(async (tx) => {
        const current = await lockReview(tx, reviewId)
        if (current.hidden_at === null) throw new ReviewNotHiddenError()
        const updated = await reviewsRepository(tx).update(reviewId, { hidden_at: null, hidden_reason: null, hidden_by: null, updated_at: now })
        await refreshRatings(tx, updated.listing_id, updated.partner_id)
        await recordAudit(tx, {
          actor_id: adminId, action: 'review.restore', target_type: 'review', target_id: reviewId,
          before: auditSnapshot(current), after: { ...auditSnapshot(updated), reason: reason.trim() }, created_at: now,
        })
        return one(toAdminReviews(tx, [updated]))
      })
    },
  }
}

export type ReviewsService = ReturnType<typeof createReviewsService>
