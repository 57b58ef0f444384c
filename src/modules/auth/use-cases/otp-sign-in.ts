// Sign-in by one-time code: send (throttled, hashed, delivered off the request path) and verify (5 tries, single use).
import { HOUR_MS } from '../../../shared/clock.js'
import type { Role } from '../../../shared/auth.js'
import type { AuthDeps } from '../auth-deps.js'
import { authRepository, type UserPatch } from '../auth.repository.js'
import {
  InvalidIdentifierError,
  OtpExpiredError,
  OtpHourlyLimitError,
  OtpInvalidError,
  OtpLockedError,
  OtpResendTooSoonError,
} from '../auth.errors.js'
import { parseIdentifier, type Identifier } from '../identifier.js'
import { deriveOtpKey, generateOtpCode, hashOtpCode, otpCodeMatches } from '../otp-code.js'
import type { SignInAnswer } from '../public-user.js'
import { completeSignIn, signInAnswer } from './complete-sign-in.js'

/** The same words for every identifier, known or not: the answer must not tell whether an account exists. */
export const OTP_SENT_MESSAGE = 'If the identifier is valid, a code has been sent'
const DEV_OTP = '1234'

export interface SendOtpAnswer {
  message: string
  expires_in_seconds: number
  resend_after_seconds: number
}

export interface VerifyOtpInput {
  identifier: string
  otp: string
  name?: string | undefined
  role?: Extract<Role, 'customer' | 'partner'> | undefined
}

type Failure = { failed: 'invalid' } | { failed: 'expired' } | { failed: 'locked'; retryAfter: number }

function identifierOrThrow(input: string): Identifier {
  const identifier = parseIdentifier(input)
  if (!identifier) throw new InvalidIdentifierError()
  return identifier
}

export function otpSignIn(deps: AuthDeps) {
  const { config, clock } = deps
  const key = deriveOtpKey(config.jwt.secret)

  return {
    async sendOtp(input: { identifier: string; ip: string | undefined }): Promise<SendOtpAnswer> {
      const identifier = identifierOrThrow(input.identifier)
      const now = clock.now()
      const code = generateOtpCode(config.otp.length)
      await deps.db.transaction(async (tx) => {
        const repo = authRepository(tx)
        await repo.lockIdentifier(identifier.value)
        const latest = await repo.findLatestOtp(identifier.value)
        const resendAt = latest ? latest.created_at.getTime() + config.otp.resendSeconds * 1000 : 0
        if (resendAt > now.getTime()) throw new OtpResendTooSoonError((resendAt - now.getTime()) / 1000)
        // counted in the database, so the cap holds across processes and restarts
        const lastHour = await repo.countOtpsSince(identifier.value, new Date(now.getTime() - HOUR_MS))
        if (lastHour.total >= config.otp.sendsPerHour) {
          const freeAt = (lastHour.oldest?.getTime() ?? now.getTime()) + HOUR_MS
          throw new OtpHourlyLimitError((freeAt - now.getTime()) / 1000)
        }
        await repo.expireOpenOtps(identifier.value, now)
        await repo.insertOtp({
          id: deps.ids.next(),
          identifier: identifier.value,
          code_hash: hashOtpCode(key, identifier.value, code),
          expires_at: new Date(now.getTime() + config.otp.ttlMinutes * 60_000),
          requested_ip: input.ip ?? null,
          created_at: now,
        })
      })
      const answer: SendOtpAnswer = {
        message: OTP_SENT_MESSAGE,
        expires_in_seconds: config.otp.ttlMinutes * 60,
        resend_after_seconds: config.otp.resendSeconds,
      }
      // not awaited: the answer (and its timing) must not depend on the provider; the sender logs its own failures
      void deps.otpSender
        .send({ channel: identifier.kind, to: identifier.value, code, expiresInMinutes: config.otp.ttlMinutes })
        .catch(() => undefined)
      return answer
    },

    async verifyOtp(input: VerifyOtpInput): Promise<SignInAnswer> {
      const identifier = identifierOrThrow(input.identifier)
      const now = clock.now()
      // the seed's testing shortcut, for local development only; test, staging and production never take it
      const devBypass = config.appEnv === 'dev' && input.otp === DEV_OTP
      const outcome = await deps.db.transaction(async (tx) => {
        const repo = authRepository(tx)
        await repo.lockIdentifier(identifier.value)
        if (!devBypass) {
          const latest = await repo.findLatestOtp(identifier.value)
          if (!latest || latest.consumed_at) return { failed: 'invalid' } satisfies Failure
          if (latest.attempts >= config.otp.maxAttempts) {
            const retryAfter = Math.max(1, (latest.created_at.getTime() + config.otp.resendSeconds * 1000 - now.getTime()) / 1000)
            return { failed: 'locked', retryAfter } satisfies Failure
          }
          if (latest.expires_at.getTime() <= now.getTime()) return { failed: 'expired' } satisfies Failure
          // the attempt is recorded and committed before answering, so wrong guesses count even though we refuse
          if (!otpCodeMatches(key, identifier.value, input.otp, latest.code_hash)) {
            await repo.recordWrongOtp(latest.id)
            return { failed: 'invalid' } satisfies Failure
          }
          if (!(await repo.consumeOtp(latest.id, now))) return { failed: 'invalid' } satisfies Failure
        }
        const verified: UserPatch = identifier.kind === 'phone' ? { phone_verified: true } : { email_verified: true }
        const existing = identifier.kind === 'phone' ? await repo.findUserByPhone(identifier.value) : await repo.findUserByEmail(identifier.value)
        const user =
          existing ??
          (await repo.insertUser({
            id: deps.ids.next(),
            name: input.name?.trim() ?? '',
            role: input.role ?? 'customer',
            ...(identifier.kind === 'phone' ? { phone: identifier.value } : { email: identifier.value }),
            ...verified,
          }))
        // an account someone else made (the seed's or the operator's ADMIN_EMAILS admin) takes its owner's name at their first sign-in
        const takesName = existing && input.name?.trim() && (!existing.name || existing.last_login_at === null)
        const patch: UserPatch = takesName ? { ...verified, name: input.name!.trim() } : verified
        return { user: await completeSignIn(deps, repo, user, patch) }
      })
      if ('failed' in outcome) {
        if (outcome.failed === 'locked') throw new OtpLockedError(outcome.retryAfter)
        if (outcome.failed === 'expired') throw new OtpExpiredError()
        throw new OtpInvalidError()
      }
      return signInAnswer(deps, outcome.user)
    },
  }
}
