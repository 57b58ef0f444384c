// Cloudinary's request signature: the signed parameters sorted by name, joined as k=v&k=v, the API secret appended, SHA-1 in hex.
import { createHash, timingSafeEqual } from 'node:crypto'

/** Parameters Cloudinary never signs: the file itself, where it goes, and the key that identifies the signer. */
const UNSIGNED = new Set(['file', 'cloud_name', 'resource_type', 'api_key', 'signature'])

export type SignableParams = Readonly<Record<string, string | number | readonly (string | number)[] | undefined>>

/** The string that is hashed, without the secret: `folder=x&public_id=y&timestamp=1700000000`. */
export function stringToSign(params: SignableParams): string {
  return Object.keys(params)
    .filter((name) => !UNSIGNED.has(name) && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => {
      const value = params[name]!
      return `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`
    })
    .join('&')
}

export function signCloudinaryParams(params: SignableParams, apiSecret: string): string {
  return createHash('sha1').update(stringToSign(params) + apiSecret).digest('hex')
}

/** Constant-time check of a signature, as the fake server (and any webhook receiver) needs. */
export function isValidCloudinarySignature(params: SignableParams, apiSecret: string, signature: string): boolean {
  const expected = Buffer.from(signCloudinaryParams(params, apiSecret))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
