// The HTTP API as a journey test drives it: calls that must succeed (anything else fails the test with the answer),
// and sign-in through the development OTP.
import type { LightMyRequestResponse } from 'fastify'
import type { App } from '../../src/app.js'

export type Json = Record<string, unknown> & { id: string }

export function apiClient(app: App) {
  async function call(method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object, headers: Record<string, string> = {}) {
    const res: LightMyRequestResponse = await app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    })
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`)
    return res.json() as Json
  }

  /** verify-otp with the development code (APP_ENV=dev); new accounts get `name` and, when given, `role`. */
  async function signIn(identifier: string, options: { name?: string; role?: 'customer' | 'partner' } = {}): Promise<string> {
    const body = await call('POST', '/api/auth/verify-otp', undefined, { identifier, otp: '1234', name: options.name ?? 'Asha Rao', ...(options.role ? { role: options.role } : {}) })
    return body.access_token as string
  }

  return { call, signIn }
}
