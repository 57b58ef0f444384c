// The operations of the served OpenAPI document, as the fuzzer needs them: parameters, body schema, responses, security.
export type JsonSchema = Record<string, unknown>

export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, OperationObject>>
  components?: { schemas?: Record<string, JsonSchema> }
}

interface OperationObject {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>
  security?: Record<string, string[]>[]
}

export interface Parameter {
  name: string
  required: boolean
  schema: JsonSchema
}

export interface Operation {
  /** `POST /api/bookings`: the name a finding and FUZZ_ONLY use. */
  key: string
  method: string
  path: string
  pathParams: Parameter[]
  query: Parameter[]
  headers: Parameter[]
  body: { required: boolean; schema: JsonSchema } | undefined
  /** Status → JSON schema of its body, or null when the status is documented without a JSON body. */
  responses: Map<number, JsonSchema | null>
  /** Every documented security requirement needs a token (no anonymous alternative). */
  needsToken: boolean
  adminOnly: boolean
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete'])

function parametersIn(op: OperationObject, where: string): Parameter[] {
  return (op.parameters ?? []).filter((p) => p.in === where).map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }))
}

export function listOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): Operation => {
        const json = op.requestBody?.content?.['application/json']
        const responses = new Map<number, JsonSchema | null>()
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          responses.set(Number(status), response.content?.['application/json']?.schema ?? null)
        }
        const security = op.security ?? []
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          pathParams: parametersIn(op, 'path'),
          query: parametersIn(op, 'query'),
          headers: parametersIn(op, 'header'),
          body: json?.schema ? { required: op.requestBody?.required === true, schema: json.schema } : undefined,
          responses,
          needsToken: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
          adminOnly: path.startsWith('/api/admin/'),
        }
      }),
  )
}

/** Follows a local `$ref` (`#/components/schemas/X`) within the document. */
export function resolveRef(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
    const target = (current.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document)
    if (!target || typeof target !== 'object') throw new Error(`unresolvable $ref ${String(current.$ref)}`)
    current = target as JsonSchema
  }
  return current
}
