import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkBankAccountNumber, checkGstin, checkIfsc, checkIndianMobile, checkPan, gstinCheckCharacter, isGstStateCode, PAN_HOLDER_TYPES,
} from './kyc-validators.js'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

describe('checkPan', () => {
  it.each(['AAPFU0939F', 'aabcl8151b', ' ABCPE1234K '])('accepts %s and upper-cases it', (pan) => {
    expect(checkPan(pan)).toEqual({ ok: true, value: pan.trim().toUpperCase() })
  })

  it.each([
    ['AAPF0939F', '10 characters'],
    ['AAPFU09391', '10 characters'],
    ['1APFU0939F', '10 characters'],
    ['AAPXU0939F', "4th character must be a holder type"],
    ['AAPDU0939F', "4th character must be a holder type"],
  ])('refuses %s', (pan, message) => {
    const result = checkPan(pan)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(message)
  })

  it('knows the holder types of the reference (P, C, H, F, A, B, G, J, L, T) and E for LLPs', () => {
    expect(Object.keys(PAN_HOLDER_TYPES).sort().join('')).toBe('ABCEFGHJLPT')
  })
})

describe('checkGstin', () => {
  it.each(['27AAPFU0939F1ZV', '32AABCL8151B1Z1'])('accepts the reference vector %s', (gstin) => {
    expect(checkGstin(gstin)).toEqual({ ok: true, value: gstin })
    expect(gstinCheckCharacter(gstin.slice(0, 14))).toBe(gstin[14])
  })

  it('accepts lower case and the matching PAN', () => {
    expect(checkGstin('27aapfu0939f1zv', 'aapfu0939f')).toEqual({ ok: true, value: '27AAPFU0939F1ZV' })
  })

  it('refuses a wrong check character', () => {
    const result = checkGstin('27AAPFU0939F1ZW')
    expect(result).toEqual({ ok: false, message: expect.stringContaining('check character') })
  })

  it('refuses a state code that does not exist, even with a correct check character', () => {
    for (const state of ['00', '39', '45', '98']) {
      const first14 = `${state}AAPFU0939F1Z`
      const result = checkGstin(first14 + gstinCheckCharacter(first14))
      expect(result).toEqual({ ok: false, message: expect.stringContaining(`state code ${state}`) })
    }
  })

  it('accepts the special state codes 97 and 99 and the newest, 38', () => {
    for (const state of ['01', '38', '97', '99']) {
      const first14 = `${state}AAPFU0939F1Z`
      expect(checkGstin(first14 + gstinCheckCharacter(first14)).ok).toBe(true)
    }
  })

  it('refuses a GSTIN issued to another PAN', () => {
    const result = checkGstin('27AAPFU0939F1ZV', 'AABCL8151B')
    expect(result).toEqual({ ok: false, message: expect.stringContaining('belongs to PAN AAPFU0939F') })
  })

  it.each(['27AAPFU0939F1Z', '27AAPFU0939F0ZV', '27AAPFU0939F1YV', 'X7AAPFU0939F1ZV', '27AAPFU0939F1ZV1'])('refuses the malformed %s', (gstin) => {
    expect(checkGstin(gstin)).toEqual({ ok: false, message: expect.stringContaining('15 characters') })
  })

  it('refuses an embedded PAN without a holder type', () => {
    const first14 = '27AAPXU0939F1Z'
    expect(checkGstin(first14 + gstinCheckCharacter(first14))).toEqual({ ok: false, message: expect.stringContaining('holder type') })
  })

  const validFirst14 = fc
    .tuple(
      fc.constantFrom(...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '99'),
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 3, maxLength: 3 }),
      fc.constantFrom(...Object.keys(PAN_HOLDER_TYPES)),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      fc.constantFrom(...'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    )
    .map(([state, first3, holder, fifth, digits, last, entity]) => `${state}${first3}${holder}${fifth}${String(digits).padStart(4, '0')}${last}${entity}Z`)

  it('property: the computed check character validates, and every other 15th character fails', () => {
    fc.assert(
      fc.property(validFirst14, fc.constantFrom(...ALPHABET), (first14, other) => {
        const check = gstinCheckCharacter(first14)
        expect(checkGstin(first14 + check)).toEqual({ ok: true, value: first14 + check })
        expect(checkGstin(first14 + check, first14.slice(2, 12)).ok).toBe(true)
        if (other !== check) expect(checkGstin(first14 + other).ok).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('property: changing any one of the first 14 characters changes the check character', () => {
    fc.assert(
      fc.property(validFirst14, fc.integer({ min: 0, max: 13 }), fc.constantFrom(...ALPHABET), (first14, at, replacement) => {
        fc.pre(first14[at] !== replacement)
        const altered = first14.slice(0, at) + replacement + first14.slice(at + 1)
        expect(gstinCheckCharacter(altered)).not.toBe(gstinCheckCharacter(first14))
      }),
    )
  })
})

describe('isGstStateCode', () => {
  it('is true exactly for 01–38, 97 and 99', () => {
    const valid = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).filter(isGstStateCode)
    expect(valid).toEqual([...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '99'])
  })
})

describe('checkIfsc', () => {
  it.each([['HDFC0001234', 'HDFC0001234'], ['sbin0a1b2c3', 'SBIN0A1B2C3'], [' ZCBL0000011 ', 'ZCBL0000011']])('accepts %s as %s', (raw, value) => {
    expect(checkIfsc(raw)).toEqual({ ok: true, value })
  })

  it.each(['HDFC1001234', 'HDF00001234', 'HDFC000123', 'HDFC00012345', 'HDFC000123$'])('refuses %s', (raw) => {
    expect(checkIfsc(raw)).toEqual({ ok: false, message: expect.stringContaining('IFSC must be 11 characters') })
  })
})

describe('checkIndianMobile', () => {
  it.each([
    ['9876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['6123-456-789', '+916123456789'],
  ])('normalises %s to %s', (raw, value) => {
    expect(checkIndianMobile(raw)).toEqual({ ok: true, value })
  })

  it.each(['5876543210', '987654321', '98765432100', '+1 9876543210', '+92 9876543210', 'phone'])('refuses %s', (raw) => {
    expect(checkIndianMobile(raw)).toEqual({ ok: false, message: expect.stringContaining('Indian mobile') })
  })
})

describe('checkBankAccountNumber', () => {
  it('keeps 9 to 18 digits, dropping spaces and dashes', () => {
    expect(checkBankAccountNumber('1234 5678 9012')).toEqual({ ok: true, value: '123456789012' })
    expect(checkBankAccountNumber('123456789')).toEqual({ ok: true, value: '123456789' })
    expect(checkBankAccountNumber('1'.repeat(18))).toEqual({ ok: true, value: '1'.repeat(18) })
  })

  it.each(['12345678', '1'.repeat(19), '12345678A9'])('refuses %s', (raw) => {
    expect(checkBankAccountNumber(raw).ok).toBe(false)
  })
})
