// The last steps every sign-in shares: refuse suspended accounts, apply ADMIN_EMAILS, stamp the login, issue the token.
import { AccountSuspendedError } from '../../../shared/auth.js'
import type { AuthDeps } from '../auth-deps.js'
import { authRepository, type AuthRepository, type UserPatch, type UserRow } from '../auth.repository.js'
import { toPublicUser, type SignInAnswer } from '../public-user.js'

/**
 * Admins come only from ADMIN_EMAILS (and the CLI): an account is promoted only once its email is proven
 * (OTP to that email, Google's verified email), so registering someone else's address with a password gains nothing.
 */
export async function completeSignIn(
  deps: Pick<AuthDeps, 'config' | 'clock'>,
  repo: AuthRepository,
  user: UserRow,
  patch: UserPatch = {},
): Promise<UserRow> {
  if (user.status === 'suspended') throw new AccountSuspendedError()
  const now = deps.clock.now()
  const emailVerified = patch.email_verified ?? user.email_verified
  const email = (patch.email ?? user.email)?.toLowerCase()
  const becomesAdmin = emailVerified && email !== undefined && deps.config.adminEmails.includes(email)
  return repo.updateUser(user.id, {
    ...patch,
    ...(becomesAdmin ? { role: 'admin' as const } : {}),
    last_login_at: now,
    updated_at: now,
  })
}

export async function signInAnswer(deps: Pick<AuthDeps, 'db' | 'clock' | 'tokens'>, user: UserRow): Promise<SignInAnswer> {
  const children = await authRepository(deps.db).listChildren(user.id)
  const access_token = await deps.tokens.issue({ id: user.id, role: user.role })
  return { access_token, token_type: 'bearer', user: toPublicUser(user, children, deps.clock.now()) }
}
