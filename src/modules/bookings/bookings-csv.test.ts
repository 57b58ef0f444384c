import { describe, expect, it } from 'vitest'
import { neutralise, rupees } from './bookings-csv.js'

describe('bookings CSV cells', () => {
  it('writes paise as rupees with two decimals', () => {
    expect([0, 5, 50, 99_900, 123_450, 100_000_001].map(rupees)).toEqual(['0.00', '0.05', '0.50', '999.00', '1234.50', '1000000.01'])
  })

  it('prefixes a quote to text a spreadsheet would run as a formula, and only to that', () => {
    for (const text of ['=1+1', '+91 98100 00000', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(text)).toBe(`'${text}`)
    for (const text of ['Priya Sharma', 'प्रिया', '₹500', "'quoted", 'a=b', '']) expect(neutralise(text)).toBe(text)
    expect(neutralise(null)).toBe('')
  })
})
