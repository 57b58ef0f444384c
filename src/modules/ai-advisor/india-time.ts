// India time (Asia/Kolkata, UTC+05:30, no daylight saving) for the advisor's days, times and daily limits.
const IST_OFFSET_MS = 330 * 60_000
const DAY_MS = 86_400_000

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const local = (at: Date) => new Date(at.getTime() + IST_OFFSET_MS)

/** 'YYYY-MM-DD' of the India day at `at`, plus `days`. */
export function indiaDate(at: Date, days = 0): string {
  return new Date(at.getTime() + IST_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7 = Sunday) in India. */
export function indiaWeekday(at: Date): number {
  const d = local(at).getUTCDay()
  return d === 0 ? 7 : d
}

/** Minutes after India midnight. */
export function indiaMinutes(at: Date): number {
  const l = local(at)
  return l.getUTCHours() * 60 + l.getUTCMinutes()
}

/** Seconds from `at` to the next India midnight. */
export function secondsToIndiaMidnight(at: Date): number {
  const next = Date.parse(`${indiaDate(at, 1)}T00:00:00+05:30`)
  return Math.max(1, Math.ceil((next - at.getTime()) / 1000))
}

/** "4:30 PM" */
export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`
}

/** "Sat 6 Dec, 10:00 AM" in India time. */
export function formatSessionTime(at: Date): string {
  const l = local(at)
  return `${WEEKDAY_NAMES[l.getUTCDay()]} ${l.getUTCDate()} ${MONTH_NAMES[l.getUTCMonth()]}, ${formatClock(indiaMinutes(at))}`
}

/** Full years between a date of birth and the India day at `at`. */
export function ageOn(dateOfBirth: string, at: Date): number {
  const today = indiaDate(at)
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0)
}
