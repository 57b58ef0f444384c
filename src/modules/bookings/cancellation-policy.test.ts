import { describe, expect, it } from 'vitest'
import { DEFAULT_CANCELLATION_POLICY, parseCancellationPolicy, refundAmount, refundPercent } from './cancellation-policy.js'

const start = new Date('2026-03-10T10:00:00.000Z')
const before = (ms: number) => new Date(start.getTime() - ms)
const H = 3_600_000
const policy = DEFAULT_CANCELLATION_POLICY

describe('refundPercent with the default policy (24 h full, 6 h half)', () => {
  it.each([
    ['48 h before', before(48 * H), 100],
    ['exactly 24 h before', before(24 * H), 100],
    ['24 h minus 1 ms before', before(24 * H - 1), 50],
    ['12 h before', before(12 * H), 50],
    ['exactly 6 h before', before(6 * H), 50],
    ['6 h minus 1 ms before', before(6 * H - 1), 0],
    ['1 minute before', before(60_000), 0],
    ['after the start', new Date(start.getTime() + 1), 0],
  ])('%s → %i%%', (_label, now, percent) => {
    expect(refundPercent(policy, start, now)).toBe(percent)
  })
})

describe('a listing’s own notice hours replace the full-refund boundary', () => {
  it('48 h notice: 47 h before is only half', () => {
    expect(refundPercent(policy, start, before(48 * H), 48)).toBe(100)
    expect(refundPercent(policy, start, before(47 * H), 48)).toBe(50)
    expect(refundPercent(policy, start, before(6 * H), 48)).toBe(50)
  })
  it('4 h notice: 4 h before is full, less is nothing (the half band is empty)', () => {
    expect(refundPercent(policy, start, before(4 * H), 4)).toBe(100)
    expect(refundPercent(policy, start, before(4 * H - 1), 4)).toBe(0)
  })
})

describe('parseCancellationPolicy', () => {
  it('reads the config value and keeps defaults for what is missing or malformed', () => {
    expect(parseCancellationPolicy({ full_refund_hours: 48, partial_refund_percent: 25 })).toEqual({ full_refund_hours: 48, partial_refund_hours: 6, partial_refund_percent: 25 })
    expect(parseCancellationPolicy({ full_refund_hours: -1, partial_refund_hours: 'x', partial_refund_percent: 150 })).toEqual(DEFAULT_CANCELLATION_POLICY)
    expect(parseCancellationPolicy(null)).toEqual(DEFAULT_CANCELLATION_POLICY)
  })
})

describe('refundAmount', () => {
  it('rounds down to the paisa', () => {
    expect(refundAmount(99_901, 50)).toBe(49_950)
    expect(refundAmount(99_900, 100)).toBe(99_900)
    expect(refundAmount(99_900, 0)).toBe(0)
  })
})
