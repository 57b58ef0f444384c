// Which edits send an approved listing back to review: the facts a parent decides and pays on.

/**
 * Changing any of these on an approved listing moves it to pending_approval (out of public reads) until an admin
 * approves it again. `category_id` is the `category` field, `venue_id`/`is_online` the place. The README lists them.
 */
export const REVIEW_TRIGGERING_FIELDS = ['title', 'type', 'category_id', 'venue_id', 'is_online', 'age_min', 'age_max', 'price'] as const
export type ReviewTriggeringField = (typeof REVIEW_TRIGGERING_FIELDS)[number]

type Reviewed = Record<ReviewTriggeringField, unknown>

/** The review-triggering fields whose value actually changes (sending the same value again changes nothing). */
export function reviewTriggeringChanges(current: Reviewed, changes: Partial<Reviewed>): ReviewTriggeringField[] {
  return REVIEW_TRIGGERING_FIELDS.filter((field) => field in changes && changes[field] !== undefined && changes[field] !== current[field])
}
