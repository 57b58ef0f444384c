// What each kind of notification is: the data its event carries, the channels it goes out on, whether it is
// transactional (a receipt or confirmation: cannot be turned off) and urgent (not held back by quiet hours).
export const CHANNELS = ['in_app', 'email', 'sms', 'push'] as const
export type Channel = (typeof CHANNELS)[number]

/** The data each kind's event carries; ids let the dispatcher look up names the caller did not have at hand. */
export interface NotificationDataByKind {
  booking_confirmed: { booking_id: string; listing_id: string; amount: number; starts_at?: string | null }
  booking_cancelled: { booking_id: string; listing_id: string; refund_amount: number; credits_refunded: number; cancelled_by: string | null }
  booking_rescheduled: { booking_id: string; listing_id: string; starts_at: string }
  session_reminder_24h: { booking_id: string; listing_id: string; session_id: string; starts_at: string }
  session_reminder_2h: { booking_id: string; listing_id: string; session_id: string; starts_at: string }
  waitlist_offer: { entry_id: string; session_id: string; seats: number; expires_at: string; listing_id?: string }
  waitlist_offer_expired: { entry_id: string; session_id: string; listing_id?: string }
  kyc_verified: { partner_id: string }
  kyc_rejected: { partner_id: string; reason: string }
  listing_approved: { listing_id: string }
  listing_rejected: { listing_id: string; reason: string }
  payout_paid: { payout_id: string; amount: number; utr?: string | null }
  badge_awarded: { badge_id: string; badge_name: string; child_name?: string | null }
  review_reply: { review_id: string; listing_id: string }
  broadcast: { broadcast_id: string; title: string; body: string; channels: Channel[] }
}

export type NotificationKind = keyof NotificationDataByKind

export interface KindRule {
  channels: readonly Channel[]
  transactional: boolean
  urgent: boolean
}

const ALL: readonly Channel[] = ['in_app', 'email', 'push']
const ALERT: readonly Channel[] = ['in_app', 'email', 'sms', 'push']

export const KIND_RULES: Readonly<Record<NotificationKind, KindRule>> = {
  booking_confirmed: { channels: ALERT, transactional: true, urgent: false },
  booking_cancelled: { channels: ALERT, transactional: true, urgent: true },
  booking_rescheduled: { channels: ALL, transactional: true, urgent: false },
  session_reminder_24h: { channels: ALL, transactional: false, urgent: false },
  session_reminder_2h: { channels: ['in_app', 'sms', 'push'], transactional: false, urgent: true },
  waitlist_offer: { channels: ALERT, transactional: false, urgent: true },
  waitlist_offer_expired: { channels: ['in_app', 'push'], transactional: false, urgent: false },
  kyc_verified: { channels: ALL, transactional: false, urgent: false },
  kyc_rejected: { channels: ALL, transactional: false, urgent: false },
  listing_approved: { channels: ALL, transactional: false, urgent: false },
  listing_rejected: { channels: ALL, transactional: false, urgent: false },
  payout_paid: { channels: ALL, transactional: true, urgent: false },
  badge_awarded: { channels: ['in_app', 'push'], transactional: false, urgent: false },
  review_reply: { channels: ALL, transactional: false, urgent: false },
  broadcast: { channels: ALL, transactional: false, urgent: false },
}

export const NOTIFICATION_KINDS = Object.keys(KIND_RULES) as NotificationKind[]

export const isNotificationKind = (kind: string): kind is NotificationKind => kind in KIND_RULES
