import { describe, expect, it } from 'vitest'
import { longestWeeklyRun } from './weekly-streak.js'

describe('longestWeeklyRun', () => {
  it('counts the longest run of consecutive Mondays, across a year end, ignoring repeats and order', () => {
    expect(longestWeeklyRun([])).toBe(0)
    expect(longestWeeklyRun(['2026-03-02'])).toBe(1)
    expect(longestWeeklyRun(['2026-12-21', '2027-01-04', '2026-12-28', '2026-12-28', '2027-01-11'])).toBe(4)
    // a week missed breaks the run: the longer of the two runs counts
    expect(longestWeeklyRun(['2026-03-02', '2026-03-09', '2026-03-23', '2026-03-30', '2026-04-06'])).toBe(3)
  })
})
