// Admins are made by the operator (npm run create-admin) or ADMIN_EMAILS, never by a public endpoint.
import type { Clock } from '../../shared/clock.js'
import type { IdGenerator } from '../../shared/ids.js'
import type { Db } from '../../db/database.js'
import { authRepository, type UserRow } from './auth.repository.js'
import { InvalidEmailError, WeakPasswordError } from './auth.errors.js'
import { normalizeEmail } from './identifier.js'
import { hashPassword, passwordProblem } from './password-policy.js'

export interface CreateAdminInput {
  email: string
  name?: string | undefined
  password?: string | undefined
}

export interface CreateAdminResult {
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'status'>
  created: boolean
}

/** Creates the admin account, or promotes the account that holds the email; a given password replaces the old one. */
export async function createOrPromoteAdmin(deps: { db: Db; clock: Clock; ids: IdGenerator }, input: CreateAdminInput): Promise<CreateAdminResult> {
  const email = normalizeEmail(input.email)
  if (!email) throw new InvalidEmailError(`Not an email address: ${input.email}`)
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, email)
    if (problem) throw new WeakPasswordError(problem)
  }
  const password_hash = input.password === undefined ? undefined : await hashPassword(input.password)
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const repo = authRepository(tx)
    const existing = await repo.findUserByEmail(email)
    // the operator vouches for the address, so it counts as verified
    const patch = {
      role: 'admin' as const,
      email_verified: true,
      updated_at: now,
      ...(input.name ? { name: input.name.trim() } : {}),
      ...(password_hash ? { password_hash } : {}),
    }
    const user = existing
      ? await repo.updateUser(existing.id, patch)
      : await repo.insertUser({ id: deps.ids.next(), email, name: input.name?.trim() ?? '', ...patch })
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role, status: user.status }, created: !existing }
  })
}
