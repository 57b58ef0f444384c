// Who is calling: access tokens (HS256 JWT, RFC 8725 rules) and the guards routes put in front of their handlers.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import type { Clock } from './clock.js'
import { ForbiddenError, UnauthorizedError } from './errors.js'

export const ROLES = ['customer', 'partner', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Actor {
  readonly id: string
  readonly role: Role
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined
  }
}

/** A token we did not issue, or whose account is gone. */
export class InvalidTokenError extends UnauthorizedError {
  constructor() {
    super('Invalid token', 'INVALID_TOKEN')
  }
}

export class AccountSuspendedError extends ForbiddenError {
  constructor() {
    super('This account is suspended', 'ACCOUNT_SUSPENDED')
  }
}

const ISSUER = 'rrray'
const AUDIENCE = 'rrray-api'
const TOKEN_TYPE = 'access+jwt'

export interface TokenService {
  issue(actor: Actor): Promise<string>
  /** The token's subject, or UnauthorizedError for anything not issued by us, for this use, and still valid. */
  verify(token: string): Promise<string>
}

export function createTokenService(options: { secret: string; expiryHours: number; clock: Clock }): TokenService {
  const key = new TextEncoder().encode(options.secret)
  return {
    async issue(actor) {
      const now = Math.floor(options.clock.now().getTime() / 1000)
      return new SignJWT({ role: actor.role })
        .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
        .setSubject(actor.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + Math.round(options.expiryHours * 3600))
        .sign(key)
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          typ: TOKEN_TYPE,
          currentDate: options.clock.now(),
          requiredClaims: ['sub', 'exp', 'iat'],
        })
        if (!payload.sub) throw new InvalidTokenError()
        return payload.sub
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError('Token has expired', 'TOKEN_EXPIRED')
        throw new InvalidTokenError()
      }
    },
  }
}

/** The account behind a token as it is now: role changes and suspensions apply at once. */
export type FindAccount = (userId: string) => Promise<{ id: string; role: Role; status: 'active' | 'suspended' } | undefined>

/** Who a guard lets through: the roles it accepts, or `optional` for a guard that never refuses. */
export type Access = { readonly roles: readonly Role[] } | 'optional'

/**
 * A guard, attached to a route as its `onRequest` hook so the caller is checked before the body is read or validated
 * (no token is 401 and a wrong role 403, never a 422 listing the body's fields). It carries who it lets through, for
 * the route inventory and the OpenAPI document.
 */
export interface GuardHook {
  (request: FastifyRequest, reply: FastifyReply): Promise<void>
  readonly access: Access
}

export interface AuthGuard {
  /** Any signed-in, active account. */
  readonly signedIn: GuardHook
  /** A signed-in, active account with one of these roles (admins pass every role check only where listed). */
  requireRole(...roles: Role[]): GuardHook
  /** Sets request.actor when a valid token is present; never refuses. */
  readonly optional: GuardHook
}

/** The access a route's hook (or hooks) grant, when one of them is a guard. */
export function accessOf(hooks: unknown): Access | undefined {
  const list: unknown[] = Array.isArray(hooks) ? hooks : [hooks]
  for (const hook of list) if (typeof hook === 'function' && 'access' in hook) return (hook as GuardHook).access
  return undefined
}

function guardHook(access: Access, check: (request: FastifyRequest) => Promise<void>): GuardHook {
  return Object.assign(async (request: FastifyRequest, _reply: FastifyReply) => check(request), { access })
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (!header) return undefined
  const [scheme, token] = header.split(' ')
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined
}

export function createAuthGuard(deps: { tokens: TokenService; findAccount: FindAccount }): AuthGuard {
  async function authenticate(request: FastifyRequest): Promise<Actor> {
    const token = bearerToken(request)
    if (!token) throw new UnauthorizedError()
    const userId = await deps.tokens.verify(token)
    const account = await deps.findAccount(userId)
    if (!account) throw new InvalidTokenError()
    if (account.status === 'suspended') throw new AccountSuspendedError()
    request.actor = { id: account.id, role: account.role }
    return request.actor
  }
  return {
    signedIn: guardHook({ roles: ROLES }, async (request) => void (await authenticate(request))),
    requireRole(...roles) {
      return guardHook({ roles }, async (request) => {
        const actor = await authenticate(request)
        if (!roles.includes(actor.role)) throw new ForbiddenError(`This action needs the ${roles.join(' or ')} role`, 'ROLE_FORBIDDEN')
      })
    },
    optional: guardHook('optional', async (request) => {
      if (!bearerToken(request)) return
      await authenticate(request).catch(() => undefined)
    }),
  }
}

/** The caller of a guarded route; a route without a guard that calls this has a bug, so it fails closed. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError()
  return request.actor
}
