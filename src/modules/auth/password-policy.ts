// Password rules and hashing: argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).
import type { Algorithm } from '@node-rs/argon2'

// the native hasher is loaded on the first password, not at start (most requests never hash one)
const argon2 = () => import('@node-rs/argon2')

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

// Algorithm is a const enum, unreadable at run time under isolatedModules: Argon2id is its value 2
const ARGON2ID = 2 as Algorithm.Argon2id
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Why the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`
  if (!/\p{L}/u.test(password)) return 'Password must contain at least one letter'
  if (!/\p{Nd}/u.test(password)) return 'Password must contain at least one digit'
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Password must not be your email address'
  return undefined
}

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, ARGON2_OPTIONS)
}

let dummyHash: Promise<string> | undefined

/** Checks a password; with no stored hash it still does the same work, so a missing account costs as long as a wrong password. */
export async function passwordMatches(password: string, storedHash: string | null | undefined): Promise<boolean> {
  const { verify } = await argon2()
  if (!storedHash) {
    dummyHash ??= hashPassword('no-such-account-0')
    await verify(await dummyHash, password).catch(() => false)
    return false
  }
  return verify(storedHash, password).catch(() => false)
}
