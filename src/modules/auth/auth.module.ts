// The auth module as app.ts wires it: sign-up and sign-in (OTP, password, Google), the profile and its children, and
// the admins' user management.
import type { AppModule } from '../../platform/app-module.js'
import { authRoutes, type AuthRoutesOptions } from './auth.routes.js'
import { adminUserRoutes } from './users-admin.routes.js'
import type { UsersAdminService } from './users-admin.service.js'

export function authModule(deps: AuthRoutesOptions & { usersAdmin: UsersAdminService }): AppModule {
  return {
    name: 'auth',
    routes: async (app) => {
      await app.register(authRoutes, deps)
      await app.register(adminUserRoutes, { guard: deps.guard, usersAdmin: deps.usersAdmin })
    },
  }
}
