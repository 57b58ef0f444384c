// Schema-valid values for a JSON schema as fast-check arbitraries; uuids come from the real rows when a field names them.
import fc from 'fast-check'
import { resolveRef, type JsonSchema, type OpenApiDocument } from './operations.js'

/** Real values for a field or parameter name: ids (`listing_id`, `id` of /listings/{id}), slugs, cities; empty when none fit. */
export type KnownValues = (name: string) => readonly string[]

export interface ValueContext {
  document: OpenApiDocument
  known: KnownValues
}

const DAY_MS = 86_400_000
const isoDay = (offsetDays: number) => new Date(Date.UTC(2026, 0, 5) + offsetDays * DAY_MS).toISOString()

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type
  if (Array.isArray(type)) return type as string[]
  return typeof type === 'string' ? [type] : []
}

function stringValue(schema: JsonSchema, name: string, context: ValueContext): fc.Arbitrary<unknown> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(minLength, 24)
  switch (schema.format) {
    case 'uuid':
      return preferKnown(fc.uuid(), name, context)
    case 'date':
      return fc.integer({ min: -30, max: 120 }).map((d) => isoDay(d).slice(0, 10))
    case 'date-time':
      return fc.integer({ min: -30, max: 120 }).map(isoDay)
    case 'email':
      return fc.stringMatching(/^[a-z]{1,10}$/).map((local) => `${local}@example.com`)
    case 'uri':
      return fc.webUrl()
  }
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= maxLength)
  }
  return preferKnown(fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 24)) }), name, context)
}

// mostly a real value, so requests get past lookups to the code behind them; sometimes a made-up one
function preferKnown(made: fc.Arbitrary<string>, name: string, context: ValueContext): fc.Arbitrary<string> {
  const real = context.known(name)
  return real.length > 0 ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: made }) : made
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined
  const min = typeof schema.minimum === 'number' ? schema.minimum : exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : -1_000
  const max = typeof schema.maximum === 'number' ? schema.maximum : exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : Math.max(min, 0) + 1_000_000
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

function objectValue(schema: JsonSchema, context: ValueContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema.required ?? []) as string[])
  const model = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, schemaValue(property, key, context)]))
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) })
}

/** A value the schema accepts; `name` is the field or parameter it fills (it picks real ids). */
export function schemaValue(input: JsonSchema, name: string, context: ValueContext): fc.Arbitrary<unknown> {
  const schema = resolveRef(context.document, input)
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  const choices = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
  if (choices) return fc.oneof(...choices.map((choice) => schemaValue(choice, name, context)))
  if (Array.isArray(schema.allOf)) return schemaValue(Object.assign({}, ...(schema.allOf as JsonSchema[]).map((s) => resolveRef(context.document, s))), name, context)
  const types = typesOf(schema)
  const options = (types.length > 0 ? types : schema.properties ? ['object'] : ['string']).map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null)
      case 'boolean':
        return fc.boolean()
      case 'integer':
        return numberValue(schema, true)
      case 'number':
        return numberValue(schema, false)
      case 'array': {
        const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0
        const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 2, 2))
        const items = schemaValue((schema.items ?? {}) as JsonSchema, name, context)
        return schema.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength })
      }
      case 'object':
        return objectValue(schema, context)
      default:
        return stringValue(schema, name, context)
    }
  })
  const value = options.length === 1 ? options[0]! : fc.oneof(...options)
  return schema.nullable === true ? fc.option(value, { nil: null }) : value
}
