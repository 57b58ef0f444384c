import { describe, expect, it } from 'vitest'
import { LISTING_STATUSES } from '../../db/schema/index.js'
import { reviewTriggeringChanges, REVIEW_TRIGGERING_FIELDS } from './listing-review.js'
import { LISTING_EVENTS, nextStatus, transition } from './listing-status.js'
import { ListingStatusConflictError } from './listings.errors.js'

describe('listing lifecycle', () => {
  it('goes draft → pending_approval → approved, or → rejected and back to review', () => {
    expect(transition('draft', 'submit')).toBe('pending_approval')
    expect(transition('pending_approval', 'approve')).toBe('approved')
    expect(transition('pending_approval', 'reject')).toBe('rejected')
    expect(transition('rejected', 'submit')).toBe('pending_approval')
  })

  it('sends an approved listing back to review on a parent-facing edit only', () => {
    expect(transition('approved', 'review_edit')).toBe('pending_approval')
    expect(transition('approved', 'edit')).toBe('approved')
    expect(transition('draft', 'review_edit')).toBe('draft')
    expect(transition('rejected', 'review_edit')).toBe('rejected')
  })

  it('refuses approving or rejecting anything but a pending listing, and submitting twice', () => {
    for (const status of ['draft', 'approved', 'rejected', 'archived'] as const) {
      expect(() => transition(status, 'approve')).toThrow(ListingStatusConflictError)
      expect(() => transition(status, 'reject')).toThrow(ListingStatusConflictError)
    }
    expect(() => transition('pending_approval', 'submit')).toThrow(/pending approval cannot be submitted/)
    expect(() => transition('approved', 'submit')).toThrow(ListingStatusConflictError)
  })

  it('archives from every live status and then allows nothing (409 LISTING_ARCHIVED)', () => {
    for (const status of LISTING_STATUSES.filter((s) => s !== 'archived')) expect(transition(status, 'archive')).toBe('archived')
    for (const event of LISTING_EVENTS) {
      expect(nextStatus('archived', event)).toBeUndefined()
      expect(() => transition('archived', event)).toThrow(expect.objectContaining({ code: 'LISTING_ARCHIVED', status: 409 }))
    }
  })

  it('only ever reaches approved through approve', () => {
    for (const status of LISTING_STATUSES)
      for (const event of LISTING_EVENTS) {
        const next = nextStatus(status, event)
        if (next === 'approved' && status !== 'approved') expect(event).toBe('approve')
      }
  })
})

describe('review-triggering edits', () => {
  const current = { title: 'Swim', type: 'class', category_id: 'c1', venue_id: 'v1', is_online: false, age_min: 4, age_max: 10, price: 100 }

  it('lists the fields parents rely on', () => {
    expect([...REVIEW_TRIGGERING_FIELDS].sort()).toEqual(['age_max', 'age_min', 'category_id', 'is_online', 'price', 'title', 'type', 'venue_id'])
  })

  it('counts only real changes', () => {
    expect(reviewTriggeringChanges(current, { title: 'Swim', price: 100 })).toEqual([])
    expect(reviewTriggeringChanges(current, { price: 120, age_min: 4 })).toEqual(['price'])
    expect(reviewTriggeringChanges(current, { venue_id: null, is_online: true })).toEqual(['venue_id', 'is_online'])
    expect(reviewTriggeringChanges(current, {})).toEqual([])
  })
})
