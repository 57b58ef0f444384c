// Pure rules of the auth module: identifiers, codes, passwords, children's ages.
import { describe, expect, it } from 'vitest'
import { ageOn, dateOfBirthProblem, indiaDate } from './child-age.js'
import { parseIdentifier } from './identifier.js'
import { deriveOtpKey, generateOtpCode, hashOtpCode, otpCodeMatches } from './otp-code.js'
import { passwordMatches, passwordProblem } from './password-policy.js'

describe('parseIdentifier', () => {
  it('reads a mobile as E.164 and an email lower-cased', () => {
    expect(parseIdentifier('098765 43210')).toEqual({ kind: 'phone', value: '+919876543210' })
    expect(parseIdentifier(' Asha@Example.COM ')).toEqual({ kind: 'email', value: 'asha@example.com' })
  })
  it.each(['asha@', '@example.com', 'a b@example.com', 'asha@example', '12345', ''])('refuses %j', (input) => {
    expect(parseIdentifier(input)).toBeUndefined()
  })
})

describe('one-time codes', () => {
  const key = deriveOtpKey('server-secret-0123456789')
  it('generates codes of the asked length, digits only, with leading zeros kept', () => {
    const codes = Array.from({ length: 200 }, () => generateOtpCode(6))
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true)
    expect(new Set(codes).size).toBeGreaterThan(150)
    expect(generateOtpCode(4)).toMatch(/^\d{4}$/)
  })
  it('matches only the same code for the same identifier under the same key', () => {
    const hash = hashOtpCode(key, '+919876543210', '123456')
    expect(otpCodeMatches(key, '+919876543210', '123456', hash)).toBe(true)
    expect(otpCodeMatches(key, '+919876543210', '123457', hash)).toBe(false)
    expect(otpCodeMatches(key, '+919876543211', '123456', hash)).toBe(false)
    expect(otpCodeMatches(deriveOtpKey('another-secret-0123456789'), '+919876543210', '123456', hash)).toBe(false)
    expect(otpCodeMatches(key, '+919876543210', '123456', 'abcd')).toBe(false)
  })
})

describe('passwordProblem', () => {
  it.each([
    ['abc123', 'Password must be 8 to 128 characters long'],
    ['abcdefghij', 'Password must contain at least one digit'],
    ['1234567890', 'Password must contain at least one letter'],
    ['asha1@example.com', 'Password must not be your email address'],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password, 'Asha1@Example.com')).toBe(reason)
  })
  it('accepts a long enough password with a letter and a digit', () => {
    expect(passwordProblem('pässwörd-42', 'asha@example.com')).toBeUndefined()
  })
  it('spends the same argon2 work and says no when there is no stored hash', async () => {
    expect(await passwordMatches('anything-1', null)).toBe(false)
  })
})

describe('children’s ages (Asia/Kolkata)', () => {
  const at = (iso: string) => new Date(iso)
  it('uses the Indian calendar date', () => {
    expect(indiaDate(at('2026-03-09T18:29:59Z'))).toBe('2026-03-09')
    expect(indiaDate(at('2026-03-09T18:30:00Z'))).toBe('2026-03-10')
  })
  it('counts whole years, turning on the birthday in India', () => {
    expect(ageOn('2016-03-10', at('2026-03-09T18:29:59Z'))).toBe(9)
    expect(ageOn('2016-03-10', at('2026-03-09T18:30:00Z'))).toBe(10)
    expect(ageOn('2020-02-29', at('2025-02-28T12:00:00Z'))).toBe(4)
    expect(ageOn('2020-02-29', at('2025-03-01T12:00:00Z'))).toBe(5)
  })
  it('refuses future dates, impossible dates and adults', () => {
    const now = at('2026-01-05T04:30:00Z')
    expect(dateOfBirthProblem('2026-01-05', now)).toBeUndefined()
    expect(dateOfBirthProblem('2026-01-06', now)).toMatch(/future/)
    expect(dateOfBirthProblem('2019-02-29', now)).toMatch(/real date/)
    expect(dateOfBirthProblem('2007-01-06', now)).toBeUndefined() // 18 until tomorrow
    expect(dateOfBirthProblem('2007-01-05', now)).toMatch(/18 or younger/) // 19 today
  })
})
