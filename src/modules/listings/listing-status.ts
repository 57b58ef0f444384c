// A listing's lifecycle as a pure state machine: every status change in the module goes through transition().
import { type LISTING_STATUSES } from '../../db/schema/listings.js'
import { ListingStatusConflictError } from './listings.errors.js'

export type ListingStatus = (typeof LISTING_STATUSES)[number]

/**
 * - submit: the partner asks for review (from draft, or again after a rejection)
 * - approve / reject: an admin's decision on a pending listing
 * - edit: a change that needs no review; review_edit: a change to what parents rely on (REVIEW_TRIGGERING_FIELDS)
 * - archive: the partner withdraws the listing for good (DELETE)
 */
export const LISTING_EVENTS = ['submit', 'approve', 'reject', 'edit', 'review_edit', 'archive'] as const
export type ListingEvent = (typeof LISTING_EVENTS)[number]

const TRANSITIONS: Readonly<Record<ListingStatus, Partial<Record<ListingEvent, ListingStatus>>>> = {
  draft: { submit: 'pending_approval', edit: 'draft', review_edit: 'draft', archive: 'archived' },
  pending_approval: { approve: 'approved', reject: 'rejected', edit: 'pending_approval', review_edit: 'pending_approval', archive: 'archived' },
  // a parent-facing change takes an approved listing out of public reads until an admin looks again
  approved: { edit: 'approved', review_edit: 'pending_approval', archive: 'archived' },
  rejected: { submit: 'pending_approval', edit: 'rejected', review_edit: 'rejected', archive: 'archived' },
  archived: {},
}

/** The status after `event`, or undefined when the event is not allowed in `status`. */
export function nextStatus(status: ListingStatus, event: ListingEvent): ListingStatus | undefined {
  return TRANSITIONS[status][event]
}

/** The status after `event`; a ListingStatusConflictError (409) when the event is not allowed in `status`. */
export function transition(status: ListingStatus, event: ListingEvent): ListingStatus {
  const next = nextStatus(status, event)
  if (!next) throw new ListingStatusConflictError(status, event)
  return next
}
