// Public face of the auth module: other modules and app.ts import only from here.
export { createAccountLookup } from './account-lookup.js'
export { createAuthService, type AuthService } from './auth.service.js'
export { createOrPromoteAdmin, type CreateAdminInput, type CreateAdminResult } from './admin-account.js'
export type { PublicUser, ChildView, SignInAnswer } from './public-user.js'
export { authModule } from './auth.module.js'
export { ChildNotFoundError, UserNotFoundError } from './auth.errors.js'
export { findChildren, findChildrenOfUser, findUserCity, findUserContacts, lockUser, makeUserPartner, userExists, type ChildFacts, type UserContact } from './auth-queries.js'
