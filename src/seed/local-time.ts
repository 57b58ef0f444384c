// Wall-clock dates in a venue's timezone for the demo schedule; the conversions are the scheduling module's own.
export { isoWeekday, localDateOf as localDate, localToUtc } from '../modules/scheduling/index.js'

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
