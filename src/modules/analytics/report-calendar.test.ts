// India calendar arithmetic of the reports: buckets, previous periods and months across year ends.
import { describe, expect, it } from 'vitest'
import { bucketStarts, daySpan, monthOffset, monthsBetween, previousPeriod } from './report-calendar.js'

describe('report calendar', () => {
  it('starts ISO weeks on Monday, across a year end', () => {
    // 1 Jan 2026 is a Thursday; 4 Jan a Sunday
    expect(bucketStarts('2026-01-01', '2026-01-05', 'week')).toEqual(['2025-12-29', '2026-01-05'])
    expect(bucketStarts('2026-01-04', '2026-01-04', 'week')).toEqual(['2025-12-29'])
  })

  it('lists every day and month that holds a day of the range, leap day included', () => {
    expect(bucketStarts('2028-02-28', '2028-03-01', 'day')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01'])
    expect(bucketStarts('2025-11-30', '2026-02-01', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'])
    expect(monthsBetween('2025-11-30', '2026-01-01')).toEqual(['2025-11', '2025-12', '2026-01'])
    expect(monthOffset('2025-11', '2026-02')).toBe(3)
  })

  it('turns India days into instants and finds the period before', () => {
    expect(daySpan('2026-01-01', '2026-01-01')).toEqual({ start: '2025-12-31T18:30:00.000Z', end: '2026-01-01T18:30:00.000Z' })
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' })
  })
})
