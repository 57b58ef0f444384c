// Fixes to the generated OpenAPI document that no route should have to repeat: typed enums, optional defaulted parameters.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

// values, not schemas: an example or a default may hold any key, `enum` included
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum'])

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeOfValue(value: Json): string {
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return Array.isArray(value) ? 'array' : typeof value
}

/** The JSON type of an enum's values (TypeBox's Type.Enum emits none, so generated clients would type it `any`). */
function enumType(values: Json[]): string | string[] {
  const types = [...new Set(values.map(typeOfValue))]
  // an enum of 1 and 1.5 is a number enum
  const merged = types.includes('number') ? [...new Set(types.map((t) => (t === 'integer' ? 'number' : t)))] : types
  return merged.length === 1 ? (merged[0] as string) : merged
}

function typeEnums(node: Json): void {
  if (Array.isArray(node)) return node.forEach(typeEnums)
  if (!isObject(node)) return
  if (Array.isArray(node.enum) && node.type === undefined && node.enum.length > 0) node.type = enumType(node.enum)
  for (const [key, child] of Object.entries(node)) if (!VALUE_KEYS.has(key)) typeEnums(child)
}

/** A query or header parameter with a default is filled in by the server when absent, so the client need not send it. */
function relaxDefaultedParameters(paths: Json | undefined): void {
  if (!isObject(paths)) return
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue
    for (const operation of Object.values(item)) {
      const parameters = isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : []
      for (const parameter of parameters) {
        if (isObject(parameter) && parameter.in !== 'path' && isObject(parameter.schema) && parameter.schema.default !== undefined) delete parameter.required
      }
    }
  }
}

export function normalizeOpenApi<D extends object>(document: D): D {
  const json = document as unknown as JsonObject
  typeEnums(json.paths ?? null)
  typeEnums(json.components ?? null)
  relaxDefaultedParameters(json.paths)
  return document
}
