// India calendar arithmetic for the reports: day ranges as instants, the previous period, bucket and cohort months.
// Asia/Kolkata has no daylight saving, so an India day is always 24 hours from its 00:00 +05:30.
import { isoWeekday, localDateOf, localToUtc } from '../scheduling/index.js'
import type { BUCKETS } from './analytics.schemas.js'
import { INDIA } from './analytics.repository.js'

/** `date` ('YYYY-MM-DD') plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The first day of the month `months` after the month of `date`. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10)
}

export const indiaToday = (now: Date): string => localDateOf(now, INDIA)

/** 00:00 India time of a day, as an ISO instant. */
export const startOfIndiaDay = (day: string): string => localToUtc(day, '00:00', INDIA).toISOString()

/** The instants [start of `from`, start of the day after `to`). */
export const daySpan = (from: string, to: string) => ({ start: startOfIndiaDay(from), end: startOfIndiaDay(addDays(to, 1)) })

/** Days from `from` to `to`, both counted. */
export const dayCount = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1

/** The same number of days just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  return { from: addDays(from, -dayCount(from, to)), to: addDays(from, -1) }
}

/** The first day of the bucket a day falls in: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, bucket: (typeof BUCKETS)[number]): string {
  if (bucket === 'day') return day
  if (bucket === 'week') return addDays(day, 1 - isoWeekday(day))
  return `${day.slice(0, 7)}-01`
}

/** The first day of every bucket that holds a day of [from, to], in order. */
export function bucketStarts(from: string, to: string, bucket: (typeof BUCKETS)[number]): string[] {
  const starts: string[] = []
  const next = (day: string) => (bucket === 'day' ? addDays(day, 1) : bucket === 'week' ? addDays(day, 7) : addMonths(day, 1))
  for (let day = bucketStart(from, bucket); day <= to; day = next(day)) starts.push(day)
  return starts
}

/** Whole months from the month of `from` to the month of `to` ('YYYY-MM' each). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  for (let day = `${from.slice(0, 7)}-01`; day <= to; day = addMonths(day, 1)) months.push(day.slice(0, 7))
  return months
}

/** How many months `later` ('YYYY-MM') is after `month`. */
export function monthOffset(month: string, later: string): number {
  const [y1, m1] = month.split('-').map(Number) as [number, number]
  const [y2, m2] = later.split('-').map(Number) as [number, number]
  return (y2 - y1) * 12 + (m2 - m1)
}
