import { describe, expect, it } from 'vitest'
import { endOfQuietHours } from './quiet-hours.js'

describe('quiet hours (21:00–08:00 India time)', () => {
  it.each([
    ['2026-03-10T15:29:00.000Z', '2026-03-10T15:29:00.000Z'], // 20:59 IST: not quiet
    ['2026-03-10T15:30:00.000Z', '2026-03-11T02:30:00.000Z'], // 21:00 IST → 08:00 next day
    ['2026-03-10T20:00:00.000Z', '2026-03-11T02:30:00.000Z'], // 01:30 IST → 08:00 same India day
    ['2026-03-11T02:29:59.000Z', '2026-03-11T02:30:00.000Z'], // 07:59:59 IST
    ['2026-03-11T02:30:00.000Z', '2026-03-11T02:30:00.000Z'], // 08:00 IST: not quiet
    ['2026-12-31T18:45:00.000Z', '2027-01-01T02:30:00.000Z'], // 00:15 IST on New Year's Day
  ])('%s → %s', (at, expected) => {
    expect(endOfQuietHours(new Date(at)).toISOString()).toBe(expected)
  })
})
