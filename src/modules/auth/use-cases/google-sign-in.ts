// Google Sign-In: match by Google's subject, else link the account holding the verified email, else create a customer.
import { GoogleTokenError, type GoogleIdentity } from '../../../integrations/google/index.js'
import type { AuthDeps } from '../auth-deps.js'
import { authRepository, type AuthRepository, type UserRow } from '../auth.repository.js'
import {
  GoogleAccountConflictError,
  GoogleNotConfiguredError,
  GoogleTokenInvalidError,
  GoogleUnavailableError,
} from '../auth.errors.js'
import type { SignInAnswer } from '../public-user.js'
import { completeSignIn, signInAnswer } from './complete-sign-in.js'

async function verifiedIdentity(deps: AuthDeps, idToken: string): Promise<GoogleIdentity> {
  try {
    return await deps.google.verify(idToken)
  } catch (err) {
    if (!(err instanceof GoogleTokenError)) throw err
    if (err.problem === 'not_configured') throw new GoogleNotConfiguredError()
    if (err.problem === 'unavailable') throw new GoogleUnavailableError()
    if (err.problem === 'unverified_email') throw new GoogleTokenInvalidError('The Google account’s email is not verified', 'GOOGLE_EMAIL_UNVERIFIED')
    throw new GoogleTokenInvalidError()
  }
}

async function findOrCreate(deps: AuthDeps, repo: AuthRepository, identity: GoogleIdentity): Promise<UserRow> {
  const bySub = await repo.findUserByGoogleSub(identity.sub)
  if (bySub) return bySub
  const byEmail = await repo.findUserByEmail(identity.email)
  if (byEmail) {
    if (byEmail.google_sub && byEmail.google_sub !== identity.sub) throw new GoogleAccountConflictError()
    return repo.updateUser(byEmail.id, { google_sub: identity.sub })
  }
  return repo.insertUser({
    id: deps.ids.next(),
    name: identity.name ?? '',
    email: identity.email,
    google_sub: identity.sub,
    email_verified: true,
    avatar_url: identity.picture ?? null,
    role: 'customer',
  })
}

export function googleSignIn(deps: AuthDeps) {
  return {
    async signInWithGoogle(idToken: string): Promise<SignInAnswer> {
      const identity = await verifiedIdentity(deps, idToken) // network (JWKS) stays outside the transaction
      const user = await deps.db.transaction(async (tx) => {
        const repo = authRepository(tx)
        const found = await findOrCreate(deps, repo, identity)
        // Google vouches for this address only while the account still carries it
        const sameEmail = found.email?.toLowerCase() === identity.email
        const signedIn = await completeSignIn(deps, repo, found, sameEmail ? { email_verified: true } : {})
        await repo.insertOauthSession({ id: deps.ids.next(), user_id: signedIn.id, provider: 'google', subject: identity.sub, created_at: deps.clock.now() })
        return signedIn
      })
      return signInAnswer(deps, user)
    },
  }
}
