// Public face of the auth module: other modules and app.ts import only from here.
export { createAccountLookup } from './account-lookup.js'
