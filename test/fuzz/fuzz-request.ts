// One request for an operation: schema-valid, or a mutant of a valid one, sent as one of the actors.
import fc from 'fast-check'
import type { Operation, Parameter } from './operations.js'
import { hostileUrlText, hostileValue, malformedJsonPayload } from './hostile-values.js'
import { schemaValue, type ValueContext } from './schema-values.js'

export const ACTORS = ['anonymous', 'forged', 'customer', 'partner', 'admin'] as const
export type ActorName = (typeof ACTORS)[number]

export interface FuzzRequest {
  actor: ActorName
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** What was changed from a schema-valid request, or 'valid'. */
  mutation: string
}

type Values = Record<string, unknown>

function valuesOf(params: Parameter[], context: ValueContext): fc.Arbitrary<Values> {
  const model = Object.fromEntries(params.map((p) => [p.name, schemaValue(p.schema, p.name, context)]))
  return fc.record(model, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) })
}

/** Percent-encodes a value's text; a lone surrogate becomes its (invalid) three UTF-8-style bytes, as a raw client could send. */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''
  let out = ''
  for (const ch of text) {
    const unit = ch.charCodeAt(0)
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
    } else out += encodeURIComponent(ch)
  }
  return out
}

function urlOf(operation: Operation, path: Record<string, string>, query: Record<string, string>): string {
  const filled = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => path[name] ?? '')
  const search = Object.entries(query).map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&')
  return search ? `${filled}?${search}` : filled
}

interface Parts {
  path: Record<string, string>
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
}

function validParts(operation: Operation, context: ValueContext): fc.Arbitrary<Parts> {
  return fc.record({
    path: valuesOf(operation.pathParams, context),
    query: valuesOf(operation.query, context),
    headers: fc.record(Object.fromEntries(operation.headers.map((h) => [h.name, fc.uuid()]))),
    body: operation.body ? schemaValue(operation.body.schema, 'body', context) : fc.constant(undefined),
  }).map(({ path, query, headers, body }) => ({
    path: Object.fromEntries(Object.entries(path).map(([k, v]) => [k, encode(v)])),
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encode(v)])),
    headers,
    body,
  }))
}

type Mutation = { name: string; apply: (parts: Parts) => Parts & { raw?: string | Buffer } }

function mutations(operation: Operation): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [
    malformedJsonPayload.map((raw) => ({ name: 'malformed JSON body', apply: (p) => ({ ...p, raw }) })),
    fc.constant({ name: 'huge body (2 MB string)', apply: (p: Parts) => ({ ...p, body: { huge: 'x'.repeat(2_000_000) } }) }),
    hostileValue.map((value) => ({ name: 'body replaced', apply: (p) => ({ ...p, body: value }) })),
    fc.string({ minLength: 1, maxLength: 12 }).chain((name) => hostileValue.map((value) => ({
      name: `extra query parameter ${JSON.stringify(name)}`, apply: (p: Parts) => ({ ...p, query: { ...p.query, [name]: encode(value) } }),
    }))),
  ]
  for (const param of operation.pathParams) {
    options.push(hostileUrlText.map((text) => ({ name: `path ${param.name} malformed`, apply: (p) => ({ ...p, path: { ...p.path, [param.name]: text } }) })))
  }
  for (const param of operation.query) {
    options.push(hostileUrlText.map((text) => ({ name: `query ${param.name} malformed`, apply: (p) => ({ ...p, query: { ...p.query, [param.name]: text } }) })))
    options.push(hostileValue.map((value) => ({ name: `query ${param.name} hostile`, apply: (p) => ({ ...p, query: { ...p.query, [param.name]: encode(value) } }) })))
  }
  for (const header of operation.headers) {
    options.push(fc.constantFrom('', 'x'.repeat(8_000), ' ', 'é').map((value) => ({ name: `header ${header.name} hostile`, apply: (p) => ({ ...p, headers: { ...p.headers, [header.name]: value } }) })))
  }
  const fields = Object.keys(((operation.body?.schema.properties ?? {}) as Record<string, unknown>))
  if (fields.length > 0) {
    options.push(fc.constantFrom(...fields).map((field) => ({ name: `body ${field} missing`, apply: (p) => ({ ...p, body: withoutKey(p.body, field) }) })))
    // only the required fields beside it, so fewer other values stand between the hostile one and the code behind
    const required = new Set((operation.body?.schema.required ?? []) as string[])
    const requiredOnly = (body: unknown) => Object.fromEntries(Object.entries(asObject(body)).filter(([key]) => required.has(key)))
    options.push(fc.constantFrom(...fields).chain((field) => hostileValue.map((value) => ({
      name: `body ${field} hostile`, apply: (p: Parts) => ({ ...p, body: { ...requiredOnly(p.body), [field]: value } }),
    }))))
    options.push(hostileValue.map((value) => ({ name: 'body extra field', apply: (p) => ({ ...p, body: { ...asObject(p.body), extra_field: value } }) })))
  }
  return fc.oneof(...options)
}

function asObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

function withoutKey(body: unknown, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = asObject(body)
  return rest
}

/** A request for the operation: about a third schema-valid, the rest one mutation away from valid. */
export function fuzzRequest(operation: Operation, context: ValueContext): fc.Arbitrary<FuzzRequest> {
  const valid = fc.constant<Mutation>({ name: 'valid', apply: (p) => p })
  return fc.record({
    actor: fc.constantFrom(...ACTORS),
    parts: validParts(operation, context),
    mutation: fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: mutations(operation) }),
  }).map(({ actor, parts, mutation }) => {
    const { raw, ...mutated } = mutation.apply(parts)
    const payload = raw ?? (mutated.body === undefined ? undefined : JSON.stringify(mutated.body))
    return {
      actor,
      method: operation.method,
      url: urlOf(operation, mutated.path, mutated.query),
      headers: { ...mutated.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload }),
      mutation: mutation.name,
    }
  })
}
