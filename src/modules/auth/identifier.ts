// What send-otp and verify-otp accept as "who": an Indian mobile (stored as +91…) or an email (stored lower-cased).
import { normalizeIndianMobile } from '../../shared/phone.js'

export type Identifier = { readonly kind: 'phone'; readonly value: string } | { readonly kind: 'email'; readonly value: string }

// deliberately plain: one @, no spaces, a dot in the domain; deliverability is proven by the code itself
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@.]{2,63}$/

export function normalizeEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase()
  return email.length <= 254 && EMAIL.test(email) ? email : undefined
}

export function parseIdentifier(input: string): Identifier | undefined {
  if (input.includes('@')) {
    const email = normalizeEmail(input)
    return email ? { kind: 'email', value: email } : undefined
  }
  const phone = normalizeIndianMobile(input)
  return phone ? { kind: 'phone', value: phone } : undefined
}
