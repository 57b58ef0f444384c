// One-time codes: drawn from the CSPRNG, stored only as a keyed hash bound to their identifier, compared in constant time.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'

export function generateOtpCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0')
}

/** A key used only for OTP hashes, derived from the server secret so a leaked table alone cannot be brute-forced. */
export function deriveOtpKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('rrray:otp-hash:v1').digest()
}

export function hashOtpCode(key: Buffer, identifier: string, code: string): string {
  return createHmac('sha256', key).update(`${identifier}\u0000${code}`).digest('hex')
}

export function otpCodeMatches(key: Buffer, identifier: string, code: string, storedHash: string): boolean {
  const actual = Buffer.from(hashOtpCode(key, identifier, code), 'hex')
  const expected = Buffer.from(storedHash, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
