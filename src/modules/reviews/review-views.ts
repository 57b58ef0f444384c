// From review rows to what each reader sees: public (first name and initial), the author's own, the admins'.
import type { Executor } from '../../db/database.js'
import { readAll } from '../../db/query.js'
import { findUserContacts } from '../auth/index.js'
import { findListingTitles } from '../listings/index.js'
import { editableUntil, reviewerName } from './review-rules.js'
import { reviewsRepository, type ReviewPhotoRow, type ReviewRow } from './reviews.repository.js'
import type { AdminReviewResponse, MyReviewResponse, PublicReviewResponse } from './reviews.schemas.js'

interface Lookups {
  titles: Map<string, string>
  names: Map<string, string>
  photos: Map<string, ReviewPhotoRow[]>
}

async function lookups(executor: Executor, rows: readonly ReviewRow[]): Promise<Lookups> {
  const [titles, contacts, photos] = await readAll(
    executor,
    () => findListingTitles(executor, [...new Set(rows.map((r) => r.listing_id))]),
    () => findUserContacts(executor, [...new Set(rows.map((r) => r.user_id))]),
    () => reviewsRepository(executor).photosOf(rows.map((r) => r.id)),
  )
  const byReview = new Map<string, ReviewPhotoRow[]>()
  for (const photo of photos) byReview.set(photo.review_id, [...(byReview.get(photo.review_id) ?? []), photo])
  return {
    titles: new Map(titles.map((t) => [t.id, t.title])),
    names: new Map(contacts.map((c) => [c.id, reviewerName(c.name)])),
    photos: byReview,
  }
}

function publicView(row: ReviewRow, l: Lookups): PublicReviewResponse {
  return {
    id: row.id,
    listing_id: row.listing_id,
    listing_title: l.titles.get(row.listing_id) ?? '',
    rating: row.rating,
    text: row.text,
    photos: (l.photos.get(row.id) ?? []).map((p) => ({ id: p.id, url: p.url })),
    reviewer_name: l.names.get(row.user_id) ?? 'A parent',
    reply: row.reply !== null && row.replied_at !== null ? { text: row.reply, replied_at: row.replied_at.toISOString() } : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

function myView(row: ReviewRow, l: Lookups): MyReviewResponse {
  return { ...publicView(row, l), booking_id: row.booking_id, hidden: row.hidden_at !== null, editable_until: editableUntil(row.created_at).toISOString() }
}

function adminView(row: ReviewRow, l: Lookups): AdminReviewResponse {
  return {
    ...myView(row, l),
    partner_id: row.partner_id,
    user_id: row.user_id,
    hidden_reason: row.hidden_reason,
    hidden_at: row.hidden_at?.toISOString() ?? null,
  }
}

export async function toPublicReviews(executor: Executor, rows: readonly ReviewRow[]): Promise<PublicReviewResponse[]> {
  const l = await lookups(executor, rows)
  return rows.map((r) => publicView(r, l))
}

export async function toMyReviews(executor: Executor, rows: readonly ReviewRow[]): Promise<MyReviewResponse[]> {
  const l = await lookups(executor, rows)
  return rows.map((r) => myView(r, l))
}

export async function toAdminReviews(executor: Executor, rows: readonly ReviewRow[]): Promise<AdminReviewResponse[]> {
  const l = await lookups(executor, rows)
  return rows.map((r) => adminView(r, l))
}
