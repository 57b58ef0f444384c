// /api/auth: sign-in (OTP, password, Google), the caller's profile and children. Thin: parse, one use case, answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type {} from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { actorOf, type AuthGuard } from '../../shared/auth.js'
import { errorResponses } from '../../shared/schemas.js'
import { SignInAttemptsLimitError } from './auth.errors.js'
import type { AuthService } from './auth.service.js'
import {
  ChildIndexParams,
  ChildrenResponse,
  CreateChildBody,
  EditChildBody,
  GoogleSignInBody,
  LoginBody,
  RegisterBody,
  SendOtpBody,
  SendOtpResponse,
  SignInResponse,
  UpdateProfileBody,
  UserResponse,
  VerifyOtpBody,
} from './auth.schemas.js'

export interface AuthRoutesOptions {
  auth: AuthService
  guard: AuthGuard
  config: Config
}

const tags = ['auth']
const security = [{ bearer: [] }]
const MINUTE = 60_000

function loginEmailKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email
  return `login-email:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { auth, guard, config }) => {
  // per client IP on every sign-in route (SMS/email and argon2 cost real money and CPU)
  const perIp = { max: config.rateLimit.authPerMinute, timeWindow: MINUTE }
  // its own key prefix: a limiter made this way shares the plugin's store namespace (Redis) with others
  const loginPerIp = app.createRateLimit({ ...perIp, keyGenerator: (request) => `login-ip:${request.ip}` })

  app.post(
    '/auth/send-otp',
    {
      config: { rateLimit: perIp },
      schema: {
        tags,
        summary: 'Send a sign-in code to an Indian mobile number or an email',
        description:
          'The answer is the same whether or not an account exists. One code per resend interval, a few per hour per identifier; a new code voids the earlier ones.',
        body: SendOtpBody,
        response: { 200: SendOtpResponse, ...errorResponses(422, 429) },
      },
    },
    async (request) => auth.sendOtp({ identifier: request.body.identifier, ip: request.ip }),
  )

  app.post(
    '/auth/verify-otp',
    {
      config: { rateLimit: perIp },
      schema: {
        tags,
        summary: 'Sign in (or sign up) with the code',
        description: 'A new identifier creates a customer or partner account. Five wrong codes void the code (OTP_LOCKED); codes work once.',
        body: VerifyOtpBody,
        response: { 200: SignInResponse, ...errorResponses(401, 403, 409, 422, 429) },
      },
    },
    async (request) => auth.verifyOtp(request.body),
  )

  app.post(
    '/auth/register',
    {
      config: { rateLimit: perIp },
      schema: {
        tags,
        summary: 'Create an account with email and password',
        body: RegisterBody,
        response: { 201: SignInResponse, ...errorResponses(409, 422, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await auth.register(request.body)),
  )

  app.post(
    '/auth/login',
    {
      // per email in preHandler (the body is parsed by then), per IP before the body is read
      config: { rateLimit: { ...perIp, hook: 'preHandler', keyGenerator: loginEmailKey } },
      onRequest: async (request) => {
        const limit = await loginPerIp(request)
        if (!limit.isAllowed && limit.isExceeded) throw new SignInAttemptsLimitError(limit.ttlInSeconds)
      },
      schema: {
        tags,
        summary: 'Log in with email and password',
        description: 'A wrong email and a wrong password get the same 401 INVALID_CREDENTIALS.',
        body: LoginBody,
        response: { 200: SignInResponse, ...errorResponses(401, 403, 422, 429) },
      },
    },
    async (request) => auth.login(request.body),
  )

  app.post(
    '/auth/google',
    {
      config: { rateLimit: perIp },
      schema: {
        tags,
        summary: 'Sign in with a Google ID token',
        description: 'Finds the account by Google subject, else links the account with the same verified email, else creates a customer.',
        body: GoogleSignInBody,
        response: { 200: SignInResponse, ...errorResponses(401, 403, 409, 422, 429, 503) },
      },
    },
    async (request) => auth.signInWithGoogle(request.body.id_token),
  )

  app.get(
    '/auth/me',
    {
      onRequest: guard.signedIn,
      schema: { tags, summary: 'The signed-in account', security, response: { 200: UserResponse, ...errorResponses(401, 403) } },
    },
    async (request) => auth.getProfile(actorOf(request).id),
  )

  app.put(
    '/auth/me',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'Update the signed-in account',
        description: 'Only name, email, phone, city, location, avatar_url and preferences can change; other fields are ignored. A changed email or phone is unverified again.',
        security,
        body: UpdateProfileBody,
        response: { 200: UserResponse, ...errorResponses(401, 403, 409, 422) },
      },
    },
    async (request) => auth.updateProfile(actorOf(request).id, request.body),
  )

  app.get(
    '/auth/children',
    {
      onRequest: guard.signedIn,
      schema: { tags, summary: 'The signed-in account’s children', security, response: { 200: ChildrenResponse, ...errorResponses(401, 403) } },
    },
    async (request) => auth.listChildren(actorOf(request).id),
  )

  app.post(
    '/auth/add-child',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'Add a child; answers the updated list',
        security,
        body: CreateChildBody,
        response: { 201: ChildrenResponse, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await auth.addChild(actorOf(request).id, request.body)),
  )

  app.put(
    '/auth/edit-child/:index',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'Edit the child at this position; answers the updated list',
        security,
        params: ChildIndexParams,
        body: EditChildBody,
        response: { 200: ChildrenResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => auth.editChild(actorOf(request).id, request.params.index, request.body),
  )

  app.delete(
    '/auth/delete-child/:index',
    {
      onRequest: guard.signedIn,
      schema: {
        tags,
        summary: 'Remove the child at this position; answers the updated list',
        security,
        params: ChildIndexParams,
        response: { 200: ChildrenResponse, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => auth.deleteChild(actorOf(request).id, request.params.index),
  )
}
