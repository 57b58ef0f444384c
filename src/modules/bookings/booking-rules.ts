// Pure rules of booking: a child's age on the session's local date, and what a plan option books.
export type PlanKind = 'single' | 'trial' | 'pack' | 'monthly'

// building an Intl.DateTimeFormat costs far more than formatting with one (it showed in a booking's CPU profile)
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date ('YYYY-MM-DD') of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(timeZone, format)
  }
  return format.format(at)
}

/** Whole years from a date of birth to a date, both 'YYYY-MM-DD' (a 29 February birthday counts from 1 March). */
export function ageOnDate(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  const hadBirthday = m > bm || (m === bm && d >= bd)
  return y - by - (hadBirthday ? 0 : 1)
}

/** How many sessions a plan books up front, and how many it leaves to be booked later. */
export function sessionsUpFront(kind: PlanKind, sessionsCount: number): { now: 'one' | 'batch-period'; later: number } {
  if (kind === 'monthly') return { now: 'batch-period', later: 0 }
  if (kind === 'pack') return { now: 'one', later: Math.max(0, sessionsCount - 1) }
  return { now: 'one', later: 0 }
}

export const MONTHLY_PERIOD_DAYS = 30
