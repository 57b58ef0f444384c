// Google Sign-In: an ID token is trusted only when Google's published key signed it (RS256) for our client id.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose'
import type { Clock } from '../../shared/clock.js'

export interface GoogleIdentity {
  /** Google's stable account id: the key we match on, never the email. */
  readonly sub: string
  readonly email: string
  readonly name: string | undefined
  readonly picture: string | undefined
}

export type GoogleTokenProblem = 'not_configured' | 'invalid' | 'unverified_email' | 'unavailable'

export class GoogleTokenError extends Error {
  constructor(readonly problem: GoogleTokenProblem, message: string) {
    super(message)
  }
}

export interface GoogleIdTokenVerifier {
  /** The token's identity, or GoogleTokenError. */
  verify(idToken: string): Promise<GoogleIdentity>
}

const ISSUERS = ['accounts.google.com', 'https://accounts.google.com']

interface GooglePayload extends JWTPayload {
  email?: unknown
  email_verified?: unknown
  name?: unknown
  picture?: unknown
}

export function createGoogleIdTokenVerifier(options: { clientId: string; jwksUrl: string; clock: Clock }): GoogleIdTokenVerifier {
  // the key set is fetched lazily, cached, and refetched when a token names an unknown key (Google rotates keys)
  const keys = options.clientId ? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5_000 }) : undefined
  return {
    async verify(idToken) {
      if (!keys) throw new GoogleTokenError('not_configured', 'Google sign-in is not configured on this server')
      let payload: GooglePayload
      try {
        ;({ payload } = await jwtVerify<GooglePayload>(idToken, keys, {
          algorithms: ['RS256'],
          audience: options.clientId,
          issuer: ISSUERS,
          currentDate: options.clock.now(),
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: 60,
        }))
      } catch (err) {
        if (err instanceof joseErrors.JWKSTimeout) throw new GoogleTokenError('unavailable', 'Google keys could not be fetched')
        throw new GoogleTokenError('invalid', 'Invalid Google ID token')
      }
      if (typeof payload.email !== 'string' || !payload.sub) throw new GoogleTokenError('invalid', 'The Google ID token carries no email')
      if (payload.email_verified !== true && payload.email_verified !== 'true')
        throw new GoogleTokenError('unverified_email', 'The Google account’s email is not verified')
      return {
        sub: payload.sub,
        email: payload.email.toLowerCase(),
        name: typeof payload.name === 'string' ? payload.name : undefined,
        picture: typeof payload.picture === 'string' && payload.picture.startsWith('https://') ? payload.picture : undefined,
      }
    },
  }
}
