// A local stand-in for Google's JWKS endpoint, and a signer for ID tokens as Google would issue them.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'
import { listenOnLoopback } from './fake-http.js'

export interface SignOptions {
  /** Sign with a key the JWKS does not publish (under the published kid unless `kid` says otherwise). */
  rogueKey?: boolean
  kid?: string
  /** Seconds since the epoch used for iat/exp. */
  now: number
  lifetimeSeconds?: number
}

export interface FakeGoogleJwks {
  readonly jwksUrl: string
  readonly clientId: string
  readonly fetches: number
  signIdToken(claims: JWTPayload & Record<string, unknown>, options: SignOptions): Promise<string>
  close(): Promise<void>
}

export async function startFakeGoogleJwks(clientId = 'test-client.apps.googleusercontent.com'): Promise<FakeGoogleJwks> {
  const kid = 'fake-google-key-1'
  const real = await generateKeyPair('RS256', { extractable: true })
  const rogue = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(real.publicKey)), kid, alg: 'RS256', use: 'sig' }
  let fetches = 0
  const loopback = await listenOnLoopback((req, res) => {
    fetches++
    if (req.url !== '/oauth2/v3/certs') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' })
    res.end(JSON.stringify({ keys: [jwk] }))
  })
  return {
    jwksUrl: `${loopback.origin}/oauth2/v3/certs`,
    clientId,
    get fetches() {
      return fetches
    },
    async signIdToken(claims, options) {
      const key: CryptoKey = options.rogueKey ? rogue.privateKey : real.privateKey
      const defaults = { iss: 'https://accounts.google.com', aud: clientId, iat: options.now, exp: options.now + (options.lifetimeSeconds ?? 3600) }
      return new SignJWT({ ...defaults, ...claims }).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid, typ: 'JWT' }).sign(key)
    },
    close: () => loopback.close(),
  }
}
