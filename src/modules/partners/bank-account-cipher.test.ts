import { describe, expect, it } from 'vitest'
import { createSecretCipher, maskBankAccount } from './bank-account-cipher.js'

describe('createSecretCipher', () => {
  const cipher = createSecretCipher('a key for the tests that is long enough')

  it('round-trips, and the stored value does not contain the number', () => {
    const stored = cipher.encrypt('123456789012')
    expect(stored).toMatch(/^v1\./)
    expect(stored).not.toContain('123456789012')
    expect(stored).not.toContain('9012')
    expect(cipher.decrypt(stored)).toBe('123456789012')
  })

  it('uses a fresh IV: the same number encrypts differently each time', () => {
    expect(cipher.encrypt('123456789012')).not.toBe(cipher.encrypt('123456789012'))
  })

  it('refuses a value made under another key or altered', () => {
    const stored = cipher.encrypt('123456789012')
    expect(() => createSecretCipher('another key entirely, also long').decrypt(stored)).toThrow()
    const payload = Buffer.from(stored.slice(3), 'base64url')
    payload[payload.length - 1]! ^= 1
    expect(() => cipher.decrypt(`v1.${payload.toString('base64url')}`)).toThrow()
    expect(() => cipher.decrypt('plain-text')).toThrow()
  })
})

describe('maskBankAccount', () => {
  it('shows only the last 4 digits behind a fixed mask', () => {
    expect(maskBankAccount('1234')).toBe('XXXXXX1234')
    expect(maskBankAccount(null)).toBeNull()
  })
})
