// How much of a booking comes back when it is cancelled: by the hours left before the session starts.
import { HOUR_MS } from '../../shared/clock.js'
// the policy's schema and default are the settings module's (an admin changes it at PUT /api/admin/config/cancellation_policy)
import { DEFAULT_CANCELLATION_POLICY, type CancellationPolicy } from '../settings/index.js'

export { DEFAULT_CANCELLATION_POLICY, type CancellationPolicy }

const hours = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined)

/** Reads the `cancellation_policy` value of the config table; a missing or malformed field keeps its default. */
export function parseCancellationPolicy(value: unknown): CancellationPolicy {
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  const percent = hours(raw.partial_refund_percent)
  return {
    full_refund_hours: hours(raw.full_refund_hours) ?? DEFAULT_CANCELLATION_POLICY.full_refund_hours,
    partial_refund_hours: hours(raw.partial_refund_hours) ?? DEFAULT_CANCELLATION_POLICY.partial_refund_hours,
    partial_refund_percent: percent !== undefined && percent <= 100 ? percent : DEFAULT_CANCELLATION_POLICY.partial_refund_percent,
  }
}

/** The percentage refunded when cancelling at `now` a session that starts at `startsAt`. */
export function refundPercent(policy: CancellationPolicy, startsAt: Date, now: Date, listingNoticeHours?: number | null): number {
  const left = startsAt.getTime() - now.getTime()
  const fullBoundary = (listingNoticeHours ?? policy.full_refund_hours) * HOUR_MS
  if (left >= fullBoundary) return 100
  if (left >= policy.partial_refund_hours * HOUR_MS) return policy.partial_refund_percent
  return 0
}

/** The refund in paise: the percentage of what is still refundable, rounded down to the paisa. */
export function refundAmount(refundable: number, percent: number): number {
  return Math.floor((refundable * percent) / 100)
}
