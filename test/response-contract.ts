// Test-only: every answer the suite produces is checked against the route's documented response schema for its status.
// fast-json-stringify drops unknown fields but lets a wrong type, a null in a string or a value outside an enum through.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'

type ResponseSchemas = Record<string, unknown>
interface ContentSchemas {
  content: Record<string, { schema?: unknown }>
}

// addUsedSchema: false, so the shared ErrorResponse ($id) can be compiled from every route that lists it
// (ajv-formats is CommonJS: under NodeNext its plugin is the default export's `default`)
const ajv = ajvFormats.default(new Ajv2020({ strict: false, allErrors: true, addUsedSchema: false }))
const compiled = new WeakMap<object, ValidateFunction>()

function validatorFor(schema: object): ValidateFunction {
  const known = compiled.get(schema)
  if (known) return known
  const validate = ajv.compile(schema)
  compiled.set(schema, validate)
  return validate
}

function documentedSchema(responses: ResponseSchemas, status: number): unknown {
  return responses[status] ?? responses[`${String(status)[0]}xx`] ?? responses.default
}

function isContentSchemas(entry: unknown): entry is ContentSchemas {
  return typeof entry === 'object' && entry !== null && 'content' in entry && typeof entry.content === 'object'
}

/** What is wrong with this answer (its body as JSON, if it has one), or undefined when it matches its documentation. */
function mismatch(request: FastifyRequest, reply: FastifyReply, body: unknown): string | undefined {
  const responses = (request.routeOptions.schema as { response?: ResponseSchemas } | undefined)?.response
  if (!responses) return undefined
  const status = reply.statusCode
  const entry = documentedSchema(responses, status)
  // an unexpected failure is a bug the test reports on its own; it is never documented
  if (entry === undefined) return status === 500 ? undefined : `status ${status} is not documented`
  const type = String(reply.getHeader('content-type') ?? 'application/json').split(';')[0] ?? ''
  let schema: unknown = entry
  if (isContentSchemas(entry)) {
    if (!entry.content[type]) return `content type ${type} is not documented for ${status}`
    schema = entry.content[type].schema
  }
  if (body === undefined || typeof schema !== 'object' || schema === null) return undefined
  const validate = validatorFor(schema)
  return validate(body) ? undefined : `${status} body: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`
}

/**
 * Adds the check to every route registered after it. A mismatch turns the answer into a 500 RESPONSE_MISMATCH naming
 * the problem (so the test that caused it fails where it looked) and is kept in `mismatches` for an afterAll check.
 */
export function checkResponsesAgainstSchemas(app: FastifyInstance, mismatches: string[]): void {
  const checked = new WeakSet<FastifyRequest>()
  const report = (request: FastifyRequest, reply: FastifyReply, problem: string) => {
    const message = `${request.method} ${request.routeOptions.url ?? request.url}: ${problem}`
    mismatches.push(message)
    reply.code(500).type('application/json')
    return { detail: message, code: 'RESPONSE_MISMATCH' }
  }
  // objects before serialisation, as JSON would carry them (dates as strings): a null or a number in a string field
  // would be serialised as "" or "5" and pass unseen afterwards
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    checked.add(request)
    const problem = mismatch(request, reply, JSON.parse(JSON.stringify(payload)) as unknown)
    return problem ? report(request, reply, problem) : payload
  })
  // everything else (empty bodies, files, strings): the status and content type must be documented
  app.addHook('onSend', async (request, reply, payload) => {
    if (checked.has(request)) return payload
    const problem = mismatch(request, reply, undefined)
    return problem ? JSON.stringify(report(request, reply, problem)) : payload
  })
}
