// From a recurring batch to dated sessions: local wall time in the listing's time zone, turned into UTC instants.
// Pure: no clock, no database. Intl knows every IANA zone's offsets, so no date library is needed.
import { DAY_MS, MINUTE_MS } from '../../shared/clock.js'

export interface BatchSlot {
  /** ISO weekdays, 1 = Monday … 7 = Sunday, in the listing's time zone. */
  weekdays: readonly number[]
  /** Local wall time, 'HH:MM' or 'HH:MM:SS'. */
  start_time: string
  duration_minutes: number
  /** First and last local dates ('YYYY-MM-DD'); no end date runs on for ever. */
  start_date: string
  end_date: string | null
}

export interface GeneratedSession {
  starts_at: Date
  ends_at: Date
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // throws RangeError for a zone Intl does not know
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The local wall clock in a zone at an instant, as if it were UTC (milliseconds since the epoch, seconds precision). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!)
}

/** The zone's offset from UTC at an instant, in milliseconds (+05:30 → 19 800 000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000
  return wallClockMs(whole, timeZone) - whole
}

/** Whether Intl knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * The UTC instant of a local date and wall time in a zone. A wall time that happens twice (clocks going back) is its
 * first occurrence; one that never happens (clocks going forward) is read with the offset from before the jump, which
 * lands it as far after the jump as it was into the gap (01:30 on a London spring-forward day → 02:30 BST).
 */
export function localToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm, ss = 0] = time.split(':').map(Number) as [number, number, number?]
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss)
  const before = zoneOffsetMs(wall - DAY_MS, timeZone)
  const after = zoneOffsetMs(wall + DAY_MS, timeZone)
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b)
  return new Date(candidates[0] ?? wall - before)
}

/** The local calendar date ('YYYY-MM-DD') of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 ? 7 : day
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10)
}

/**
 * The sessions of a batch that start inside the horizon [from, until): one on each local date in
 * [start_date, end_date] whose ISO weekday is in the batch's weekdays, at its start time in the zone. Ordered by start.
 */
export function generateSessions(batch: BatchSlot, timeZone: string, from: Date, until: Date): GeneratedSession[] {
  if (until.getTime() <= from.getTime()) return []
  const weekdays = new Set(batch.weekdays)
  // a day either side: a local date's start time can fall on the neighbouring UTC date
  let date = addDays(localDateOf(from, timeZone), -1)
  if (date < batch.start_date) date = batch.start_date
  let last = addDays(localDateOf(until, timeZone), 1)
  if (batch.end_date !== null && batch.end_date < last) last = batch.end_date
  const out: GeneratedSession[] = []
  for (; date <= last; date = addDays(date, 1)) {
    if (!weekdays.has(isoWeekday(date))) continue
    const startsAt = localToUtc(date, batch.start_time, timeZone)
    if (startsAt.getTime() < from.getTime() || startsAt.getTime() >= until.getTime()) continue
    out.push({ starts_at: startsAt, ends_at: new Date(startsAt.getTime() + batch.duration_minutes * MINUTE_MS) })
  }
  return out
}
