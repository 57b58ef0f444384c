import { describe, expect, it } from 'vitest'
import { isIndianMobile, normalizeIndianMobile } from './phone.js'

describe('normalizeIndianMobile', () => {
  it.each([
    ['9876543210', '+919876543210'],
    ['+919876543210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['98765-43210', '+919876543210'],
    [' (+91) 6000-000-000 ', '+916000000000'],
    ['7012345678', '+917012345678'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeIndianMobile(input)).toBe(expected)
  })

  it.each([
    '5876543210', // mobiles start 6-9
    '987654321', // nine digits
    '98765432101', // eleven digits without a 0 prefix
    '+929876543210', // another country
    '+9109876543210', // +91 and a 0
    '00919876543210',
    '98765x3210',
    '',
    'user@example.com',
  ])('rejects %j', (input) => {
    expect(normalizeIndianMobile(input)).toBeUndefined()
    expect(isIndianMobile(input)).toBe(false)
  })
})
