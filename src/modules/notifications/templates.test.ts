// Every kind renders in English and Hindi, with the event's facts, and its HTML is escaped.
import { describe, expect, it } from 'vitest'
import type { NotificationDataByKind, NotificationKind } from './notification-kinds.js'
import { NOTIFICATION_KINDS } from './notification-kinds.js'
import { languageOf, renderNotification } from './templates.js'

const id = '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44'
const SAMPLES: { [K in NotificationKind]: NotificationDataByKind[K] } = {
  booking_confirmed: { booking_id: id, listing_id: id, amount: 99_900, starts_at: '2026-12-05T04:30:00.000Z' },
  booking_cancelled: { booking_id: id, listing_id: id, refund_amount: 50_000, credits_refunded: 0, cancelled_by: 'customer' },
  booking_rescheduled: { booking_id: id, listing_id: id, starts_at: '2026-12-06T04:30:00.000Z' },
  session_reminder_24h: { booking_id: id, listing_id: id, session_id: id, starts_at: '2026-12-05T04:30:00.000Z' },
  session_reminder_2h: { booking_id: id, listing_id: id, session_id: id, starts_at: '2026-12-05T04:30:00.000Z' },
  waitlist_offer: { entry_id: id, session_id: id, seats: 2, expires_at: '2026-12-05T06:30:00.000Z' },
  waitlist_offer_expired: { entry_id: id, session_id: id },
  kyc_verified: { partner_id: id },
  kyc_rejected: { partner_id: id, reason: 'IFSC mismatch' },
  listing_approved: { listing_id: id },
  listing_rejected: { listing_id: id, reason: 'Photos missing' },
  payout_paid: { payout_id: id, amount: 1_250_000, utr: 'UTR42' },
  badge_awarded: { badge_id: id, badge_name: 'Early Bird', child_name: 'Aarav' },
  review_reply: { review_id: id, listing_id: id },
  broadcast: { broadcast_id: id, title: 'Camps', body: 'Open now', channels: ['in_app'] },
}

describe('notification templates', () => {
  it.each(NOTIFICATION_KINDS)('%s renders in English and Hindi', (kind) => {
    const en = renderNotification(kind, SAMPLES[kind], { listing_title: 'Junior <Chess>' }, 'en')
    const hi = renderNotification(kind, SAMPLES[kind], { listing_title: 'Junior <Chess>' }, 'hi')
    for (const r of [en, hi]) {
      expect(r.title.length).toBeGreaterThan(0)
      expect(r.text.length).toBeGreaterThan(0)
      expect(r.html).not.toContain('<Chess>')
    }
    if (kind !== 'broadcast') expect(hi.text).toMatch(/[\u0900-\u097F]/)
  })

  it('carries the facts: the refund, the payout, the time in India', () => {
    expect(renderNotification('booking_cancelled', SAMPLES.booking_cancelled, { listing_title: 'Swim' }, 'en').text).toContain('₹500')
    expect(renderNotification('payout_paid', SAMPLES.payout_paid, {}, 'en').text).toMatch(/₹12,500.*UTR42/)
    expect(renderNotification('booking_confirmed', SAMPLES.booking_confirmed, { listing_title: 'Swim' }, 'en').text).toContain('10:00')
    expect(renderNotification('badge_awarded', SAMPLES.badge_awarded, {}, 'en').text).toContain('Aarav earned the "Early Bird" badge')
    expect(renderNotification('review_reply', SAMPLES.review_reply, { listing_title: 'Swim' }, 'en').text).toContain('Swim')
  })

  it('picks Hindi only for language hi', () => {
    expect(languageOf({ language: 'hi' })).toBe('hi')
    expect(languageOf({ language: 'fr' })).toBe('en')
    expect(languageOf(null)).toBe('en')
  })
})
