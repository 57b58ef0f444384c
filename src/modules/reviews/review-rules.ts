// The rules of a review that are not the database's: how long its author may edit it, and how its author is shown.
import { DAY_MS } from '../../shared/clock.js'

export const REVIEW_EDIT_DAYS = 7
export const REVIEW_PHOTOS_MAX = 5

/** The author may change rating, text and photos until this moment. */
export function editableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + REVIEW_EDIT_DAYS * DAY_MS)
}

export function isEditable(createdAt: Date, now: Date): boolean {
  return now.getTime() <= editableUntil(createdAt).getTime()
}

/** "Priya Sharma" → "Priya S.": the first name and the last name's initial, never an email or a phone number. */
export function reviewerName(fullName: string): string {
  const words = fullName.trim().split(/\s+/u).filter((w) => w.length > 0 && !w.includes('@') && !/\d/u.test(w))
  const first = words[0]
  if (!first) return 'A parent'
  const last = words.length > 1 ? words[words.length - 1] : undefined
  const initial = last ? Array.from(last)[0]?.toUpperCase() : undefined
  return initial ? `${first} ${initial}.` : first
}
