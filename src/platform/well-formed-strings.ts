// Every string a request carries must be storable text: PostgreSQL refuses NUL (U+0000) and UTF-8 cannot encode a lone
// surrogate, so both are refused as a 422 naming the field, on every route, after its guards and before its handler.
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'

/** A NUL, or a surrogate that is not half of a pair (with the `u` flag a proper pair is one code point, not `Cs`). */
const UNSTORABLE = /[\0\p{Cs}]/u

/** The request parts in the order a client reads them, named as Fastify names its validation contexts. */
const PARTS = ['params', 'querystring', 'headers', 'body'] as const
type Part = (typeof PARTS)[number]

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** The JSON pointer of the first string (a value or a key) that cannot be stored, or undefined. */
export function findUnstorableString(value: unknown, pointer = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? pointer : undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], `${pointer}/${i}`)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined
  for (const [key, child] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${pointer}/${escapePointer(key)}`
    const found = findUnstorableString(child, `${pointer}/${escapePointer(key)}`)
    if (found !== undefined) return found
  }
  return undefined
}

function inputOf(request: FastifyRequest, part: Part): unknown {
  return part === 'querystring' ? request.query : request[part]
}

const refuseInRequest: preHandlerAsyncHookHandler = async (request) => {
  for (const part of PARTS) {
    const instancePath = findUnstorableString(inputOf(request, part))
    if (instancePath === undefined) continue
    const issue = { instancePath, keyword: 'string_unicode', message: 'must not contain NUL (\\u0000) or unpaired surrogate characters', params: {} }
    throw Object.assign(new Error(`${part}${instancePath} ${issue.message}`), { statusCode: 422, validation: [issue], validationContext: part })
  }
}

/**
 * Appends the check to every route's own preHandlers as it is registered, so a route added later is covered and a
 * guard still answers 401/403 first; it runs after schema validation, so a schema's own 422 comes first too.
 */
export function refuseUnstorableStrings(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]
    route.preHandler = [...own, refuseInRequest]
  })
}
