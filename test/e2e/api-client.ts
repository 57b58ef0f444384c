// The HTTP API as a journey test drives it: the generated client (client/) over app.inject, `ok()` for calls that must
// succeed (anything else fails the test with the answer), and sign-in through the development OTP.
import type { App } from '../../src/app.js'
import { bearer, createApiClient } from '../../client/index.js'
import { injectFetch } from './inject-fetch.js'

interface Answer<D> {
  data?: D
  error?: unknown
  response: Response
}

/** The answer's body when it is a success; otherwise fails with the method, URL, status and body. */
export async function ok<D>(pending: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await pending
  if (!response.ok || data === undefined) {
    throw new Error(`${response.url} → ${response.status} ${JSON.stringify(error ?? null)}`)
  }
  return data
}

export function apiClient(app: App) {
  const api = createApiClient({ baseUrl: 'http://rrray.test', fetch: injectFetch(app) })

  /** verify-otp with the development code (APP_ENV=dev); new accounts get `name` and, when given, `role`. */
  async function signIn(identifier: string, options: { name?: string; role?: 'customer' | 'partner' } = {}): Promise<string> {
    const body = await ok(api.POST('/api/auth/verify-otp', { body: { identifier, otp: '1234', name: options.name ?? 'Asha Rao', ...(options.role ? { role: options.role } : {}) } }))
    return body.access_token
  }

  return { api, signIn, auth: bearer }
}
