// Email + password accounts: register and log in; the same answer and the same work for a wrong email or password.
import { normalizeIndianMobile } from '../../../shared/phone.js'
import type { AuthDeps } from '../auth-deps.js'
import { authRepository } from '../auth.repository.js'
import { EmailTakenError, InvalidCredentialsError, InvalidEmailError, InvalidPhoneError, PhoneTakenError, WeakPasswordError } from '../auth.errors.js'
import { normalizeEmail } from '../identifier.js'
import { hashPassword, passwordMatches, passwordProblem } from '../password-policy.js'
import type { SignInAnswer } from '../public-user.js'
import { completeSignIn, signInAnswer } from './complete-sign-in.js'

export interface RegisterInput {
  name: string
  email: string
  password: string
  phone?: string | undefined
  role?: 'customer' | 'partner' | undefined
}

export function passwordSignIn(deps: AuthDeps) {
  return {
    async register(input: RegisterInput): Promise<SignInAnswer> {
      const email = normalizeEmail(input.email)
      if (!email) throw new InvalidEmailError()
      const phone = input.phone === undefined || input.phone.trim() === '' ? null : normalizeIndianMobile(input.phone)
      if (phone === undefined) throw new InvalidPhoneError()
      const problem = passwordProblem(input.password, email)
      if (problem) throw new WeakPasswordError(problem)
      const password_hash = await hashPassword(input.password) // slow on purpose: kept out of the transaction
      const user = await deps.db.transaction(async (tx) => {
        const repo = authRepository(tx)
        if (await repo.findUserByEmail(email)) throw new EmailTakenError()
        if (phone && (await repo.findUserByPhone(phone))) throw new PhoneTakenError()
        const now = deps.clock.now()
        // the email is not proven here, so ADMIN_EMAILS does not apply until it is (OTP or Google)
        return repo.insertUser({
          id: deps.ids.next(),
          name: input.name.trim(),
          email,
          phone,
          password_hash,
          role: input.role ?? 'customer',
          last_login_at: now,
        })
      })
      return signInAnswer(deps, user)
    },

    async login(input: { email: string; password: string }): Promise<SignInAnswer> {
      const email = normalizeEmail(input.email)
      const repo = authRepository(deps.db)
      const user = email ? await repo.findUserByEmail(email) : undefined
      // always one argon2 verification, against a dummy hash when there is no account
      const matches = await passwordMatches(input.password, user?.password_hash)
      if (!user || !matches) throw new InvalidCredentialsError()
      const signedIn = await completeSignIn(deps, repo, user)
      return signInAnswer(deps, signedIn)
    },
  }
}
