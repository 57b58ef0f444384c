import { describe, expect, it } from 'vitest'
import { ageOnDate, localDate } from './booking-rules.js'
import { canMove } from './booking-status.js'

describe('ageOnDate', () => {
  it('counts whole years up to the date', () => {
    expect(ageOnDate('2018-06-15', '2026-06-14')).toBe(7)
    expect(ageOnDate('2018-06-15', '2026-06-15')).toBe(8)
    expect(ageOnDate('2016-02-29', '2026-02-28')).toBe(9)
    expect(ageOnDate('2016-02-29', '2026-03-01')).toBe(10)
  })
})

describe('localDate', () => {
  it('is the date in the venue’s time zone', () => {
    expect(localDate(new Date('2026-06-14T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-15')
    expect(localDate(new Date('2026-06-14T20:00:00Z'), 'UTC')).toBe('2026-06-14')
  })
})

describe('booking status machine', () => {
  it('allows only the documented moves', () => {
    expect(canMove('pending_payment', 'confirmed')).toBe(true)
    expect(canMove('pending_payment', 'expired')).toBe(true)
    expect(canMove('confirmed', 'cancelled')).toBe(true)
    expect(canMove('confirmed', 'expired')).toBe(false)
    expect(canMove('cancelled', 'cancelled')).toBe(false)
    expect(canMove('expired', 'confirmed')).toBe(false)
    expect(canMove('completed', 'cancelled')).toBe(false)
  })
})
