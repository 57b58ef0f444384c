// The auth module as app.ts wires it: sign-up and sign-in (OTP, password, Google), the profile and its children.
import type { AppModule } from '../../platform/app-module.js'
import { authRoutes, type AuthRoutesOptions } from './auth.routes.js'

export function authModule(deps: AuthRoutesOptions): AppModule {
  return { name: 'auth', routes: async (app) => app.register(authRoutes, deps) }
}
