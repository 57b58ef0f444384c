// The OpenAPI document is a valid 3.1 document and says what a generated client needs, for every operation alike.
import SwaggerParser from '@apidevtools/swagger-parser'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { OpenAPIV3_1 } from 'openapi-types'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from './build-test-app.js'
import { openApiPath, operationsOf, servedDocument, type SchemaNode } from './openapi-document.js'

const ctx = await buildTestApp()
const document = await servedDocument(ctx.app)
const operations = operationsOf(document)

// values, not schemas: an example or a default may hold any key
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum'])

/** Every schema node below `node`, with where it is. */
function* schemaNodes(node: unknown, at: string): Generator<{ at: string; schema: SchemaNode }> {
  if (Array.isArray(node)) for (const [i, child] of node.entries()) yield* schemaNodes(child, `${at}/${i}`)
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return
  yield { at, schema: node as SchemaNode }
  for (const [key, child] of Object.entries(node)) if (!VALUE_KEYS.has(key)) yield* schemaNodes(child, `${at}/${key}`)
}

/** The Schema Objects of an operation: its parameters', its body's and its answers'. */
function operationSchemas(name: string, operation: (typeof operations)[number]['operation']) {
  return [
    ...(operation.parameters ?? []).map((p) => ({ at: `${name} parameter ${p.name}`, schema: p.schema })),
    ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({ at: `${name} body ${type}`, schema: media.schema })),
    ...Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).map(([type, media]) => ({ at: `${name} ${status} ${type}`, schema: media.schema })),
    ),
  ]
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(document) as unknown as OpenAPIV3_1.Document)).resolves.toBeDefined()
  })

  it('has only Schema Objects that are valid JSON Schema 2020-12 (the OpenAPI validator does not look inside them)', () => {
    const ajv = new Ajv2020({ strict: false })
    const schemas = [
      ...operations.flatMap(({ name, operation }) => operationSchemas(name, operation)),
      ...Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({ at: `components ${name}`, schema })),
    ]
    expect(schemas.length).toBeGreaterThan(100)
    const invalid = schemas.filter(({ schema }) => schema && !ajv.validateSchema(schema)).map(({ at }) => `${at}: ${ajv.errorsText()}`)
    expect(invalid).toEqual([])
  })

  it('types every enum (a generator types an untyped enum as any)', () => {
    const untyped = [...schemaNodes(document, '')].filter(({ schema }) => Array.isArray(schema.enum) && schema.type === undefined).map(({ at }) => at)
    expect(untyped).toEqual([])
  })

  it('never requires a parameter that has a default (the server fills it in)', () => {
    const required = operations.flatMap(({ name, operation }) =>
      (operation.parameters ?? []).filter((p) => p.required && p.schema?.default !== undefined).map((p) => `${name} ${p.in} ${p.name}`),
    )
    expect(required).toEqual([])
  })

  it('gives every operation a 2xx answer with a content schema (204 has none)', () => {
    const missing = operations.filter(({ operation }) => {
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'))
      return !success.length || success.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((media) => media.schema))
    })
    expect(missing.map(({ name }) => name)).toEqual([])
  })

  it('documents the files an upload takes as its multipart body', () => {
    const uploads = operations.filter(({ operation }) => operation.requestBody?.content?.['multipart/form-data'])
    expect(uploads.map(({ name }) => name)).toEqual(expect.arrayContaining(['POST /api/partners/listings/{id}/media', 'POST /api/partners/venues/{id}/photos']))
  })

  it('documents 422 wherever input is validated, and 401, 403 and who may call wherever a token is needed', () => {
    const problems = operations.flatMap(({ name, operation }) => {
      const statuses = Object.keys(operation.responses ?? {})
      const validates = Boolean(operation.requestBody || operation.parameters?.length)
      const secured = Boolean(operation.security?.length)
      return [
        validates && !statuses.includes('422') ? `${name}: no 422` : [],
        secured && !statuses.includes('401') ? `${name}: no 401` : [],
        // a suspended account is 403 on every signed-in route
        secured && !statuses.includes('403') ? `${name}: no 403` : [],
        secured !== Boolean(operation['x-roles']?.length) ? `${name}: security and x-roles disagree` : [],
      ].flat()
    })
    expect(problems).toEqual([])
  })

  it('marks exactly the guarded routes as needing a token, and every guard runs before validation', () => {
    const problems = ctx.app.routeInventory.flatMap((route) => {
      const operation = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
      const guarded = route.access !== undefined && route.access !== 'optional'
      return [
        route.lateGuards.length ? `${route.method} ${route.url}: guard in ${route.lateGuards.join(', ')}, not onRequest` : [],
        operation && guarded !== Boolean(operation.security?.length) ? `${route.method} ${route.url}: guarded ${guarded}, security documented ${!guarded}` : [],
      ].flat()
    })
    expect(problems).toEqual([])
  })
})
