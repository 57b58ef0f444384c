// Quiet hours: 21:00–08:00 India time (UTC+05:30, no daylight saving). Non-urgent push and SMS wait until 08:00.
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000
const HOUR = 3_600_000
const QUIET_FROM = 21
const QUIET_UNTIL = 8

/** When a message held by quiet hours may go: `at` itself outside them, else the next 08:00 India time. */
export function endOfQuietHours(at: Date): Date {
  const local = new Date(at.getTime() + IST_OFFSET_MS)
  const hour = local.getUTCHours()
  if (hour >= QUIET_UNTIL && hour < QUIET_FROM) return at
  const eight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_UNTIL) - IST_OFFSET_MS
  return new Date(hour >= QUIET_FROM ? eight + 24 * HOUR : eight)
}
