// What every answer must satisfy, whatever was sent: each check returns the problems it finds, as one line each.
import { Ajv, type ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { ActorName } from './fuzz-request.js'
import type { JsonSchema, OpenApiDocument, Operation } from './operations.js'

/**
 * The only 5xx an answer may be: a 503 whose code says a provider or dependency is down (src/**\/*.errors.ts,
 * src/integrations/razorpay). Anything else at 500+ is a bug.
 */
export const DELIBERATE_503_CODES = new Set([
  'GEOCODING_UNAVAILABLE', 'GOOGLE_NOT_CONFIGURED', 'GOOGLE_UNAVAILABLE', 'MEDIA_STORAGE_UNAVAILABLE', 'PAYMENT_GATEWAY_UNAVAILABLE', 'PAYMENT_GATEWAY_ERROR',
])

/** Keys that name a secret: no answer carries them, whatever their value. */
const SECRET_KEYS = new Set([
  'password', 'password_hash', 'code_hash', 'otp', 'otp_hash', 'bank_account_encrypted', 'key_secret', 'webhook_secret', 'api_secret', 'client_secret',
  'jwt_secret', 'data_encryption_key', 'secret', 'refresh_token',
])

const STACK_TRACE = /\n\s+at .+:\d+:\d+|"stack"\s*:|node_modules\/|\/src\/[\w/-]+\.ts/

export interface Answer {
  status: number
  body: string
}

function parsed(answer: Answer): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(answer.body) as unknown }
  } catch {
    return undefined
  }
}

function secretKeysIn(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretKeysIn(item, `${path}[${i}]`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) => [...(SECRET_KEYS.has(key.toLowerCase()) ? [`${path}.${key}`] : []), ...secretKeysIn(item, `${path}.${key}`)])
}

/** Validators of the documented response bodies, against the document's own dialect (3.1: JSON Schema 2020-12). */
export function responseValidators(document: OpenApiDocument) {
  const ajv = document.openapi.startsWith('3.1') ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'openapi.json', components: document.components ?? {} } as JsonSchema)
  const cache = new Map<JsonSchema, ValidateFunction>()
  // local refs (#/components/…) point into the document, registered above as openapi.json
  const rebase = (schema: unknown): unknown =>
    Array.isArray(schema) ? schema.map(rebase)
      : schema && typeof schema === 'object'
        ? Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi.json${v}` : rebase(v)]))
        : schema
  return (schema: JsonSchema): ValidateFunction => {
    let validate = cache.get(schema)
    if (!validate) {
      validate = ajv.compile(rebase(schema) as JsonSchema)
      cache.set(schema, validate)
    }
    return validate
  }
}

export interface OracleInput {
  operation: Operation
  actor: ActorName
  answer: Answer
  secretValues: string[]
  validatorOf: (schema: JsonSchema) => ValidateFunction
}

/** Every problem with one answer; empty when it is fine. */
export function checkAnswer({ operation, actor, answer, secretValues, validatorOf }: OracleInput): string[] {
  const problems: string[] = []
  const body = parsed(answer)
  const code = (body?.json as { code?: unknown } | undefined)?.code
  if (answer.status >= 500 && !(answer.status === 503 && typeof code === 'string' && DELIBERATE_503_CODES.has(code))) {
    problems.push(`server error ${answer.status}${typeof code === 'string' ? ` ${code}` : ''}`)
  }
  if (STACK_TRACE.test(answer.body)) problems.push('stack trace or source path in the answer')
  for (const path of secretKeysIn(body?.json)) problems.push(`secret field ${path} in the answer`)
  for (const value of secretValues) if (value && answer.body.includes(value)) problems.push('a configured secret’s value in the answer')
  if (operation.adminOnly && actor !== 'admin' && answer.status < 300) problems.push(`admin route answered ${answer.status} to ${actor}`)
  // a path whose percent-encoding does not decode matches no route, so there is no route to authenticate for (400 INVALID_URL)
  const unroutable = answer.status === 400 && code === 'INVALID_URL'
  if (operation.needsToken && (actor === 'anonymous' || actor === 'forged') && answer.status !== 401 && !unroutable) {
    problems.push(`${actor === 'anonymous' ? 'no token' : 'a forged token'} answered ${answer.status}, not 401`)
  }
  if (answer.status < 500) problems.push(...schemaProblems(operation, answer, body, validatorOf))
  return problems
}

function schemaProblems(operation: Operation, answer: Answer, body: { json: unknown } | undefined, validatorOf: OracleInput['validatorOf']): string[] {
  if (!operation.responses.has(answer.status)) return [`status ${answer.status} not documented (documented: ${[...operation.responses.keys()].join(', ')})`]
  const schema = operation.responses.get(answer.status)
  if (!schema) return []
  if (!body) return [`${answer.status} body is not JSON though the document says it is`]
  const validate = validatorOf(schema)
  if (validate(body.json)) return []
  const first = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
  return [`${answer.status} body breaks its documented schema: ${first.join('; ')}`]
}
