// The served OpenAPI document as the contract tests read it: its operations, and a route's path in its terms.
import type { App } from '../src/app.js'

export interface SchemaNode {
  [key: string]: unknown
}

export interface Parameter {
  name: string
  in: string
  required?: boolean
  schema?: SchemaNode
}

export interface Operation {
  summary?: string
  security?: Record<string, string[]>[]
  'x-roles'?: string[]
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaNode }> }>
}

export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, SchemaNode> }
}

export async function servedDocument(app: App): Promise<OpenApiDocument> {
  return (await app.inject('/openapi.json')).json<OpenApiDocument>()
}

/** `/api/bookings/:id` as OpenAPI writes it: `/api/bookings/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, '{$1}').replace(/\/$/, '') || '/'
}

/** Every operation, named `METHOD /path`. */
export function operationsOf(document: OpenApiDocument): { name: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  )
}
