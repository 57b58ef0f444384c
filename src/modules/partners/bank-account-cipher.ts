// Bank account numbers at rest: AES-256-GCM under a key stretched from DATA_ENCRYPTION_KEY; answers show only the last 4.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

export interface SecretCipher {
  /** `v1.<base64url(iv | tag | ciphertext)>`; a fresh IV each time, so equal numbers never look equal in the table. */
  encrypt(plain: string): string
  /** The plain text, or an error when the value was altered or made under another key. */
  decrypt(stored: string): string
}

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

export function createSecretCipher(keyMaterial: string): SecretCipher {
  // HKDF turns any configured string into a 256-bit key bound to this one use
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'rrray-data-at-rest', 'bank-account-number/v1', 32))
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
    },
    decrypt(stored) {
      const [version, payload] = stored.split('.')
      if (version !== VERSION || !payload) throw new Error('unknown encrypted value format')
      const raw = Buffer.from(payload, 'base64url')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}

/** What every answer shows of a bank account: a fixed run of X (the length stays secret too) and the last 4 digits. */
export function maskBankAccount(last4: string | null): string | null {
  return last4 ? `XXXXXX${last4}` : null
}
