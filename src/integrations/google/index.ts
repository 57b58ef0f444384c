// Google identity: ID token verification against Google's JWKS (GOOGLE_JWKS_URL points tests at a local one).
export {
  createGoogleIdTokenVerifier,
  GoogleTokenError,
  type GoogleIdentity,
  type GoogleIdTokenVerifier,
  type GoogleTokenProblem,
} from './id-token-verifier.js'
