// The auth module's use cases in one object, built once in app.ts.
import type { AuthDeps } from './auth-deps.js'
import { googleSignIn } from './use-cases/google-sign-in.js'
import { otpSignIn } from './use-cases/otp-sign-in.js'
import { passwordSignIn } from './use-cases/password-sign-in.js'
import { profile } from './use-cases/profile.js'

export function createAuthService(deps: AuthDeps) {
  return { ...otpSignIn(deps), ...passwordSignIn(deps), ...googleSignIn(deps), ...profile(deps) }
}

export type AuthService = ReturnType<typeof createAuthService>
