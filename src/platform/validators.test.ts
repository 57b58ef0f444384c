import AjvCompiler from '@fastify/ajv-compiler'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { buildLazyValidators } from './validators.js'

const Query = Type.Object({ page: Type.Integer({ minimum: 1, default: 1 }), q: Type.Optional(Type.String({ maxLength: 3 })) })

describe('lazy request validators', () => {
  it('compile on a route’s first request and validate, coerce and report errors as Ajv does', () => {
    const compiled: string[] = []
    const real = AjvCompiler()
    const counting: AjvCompiler.BuildCompilerFromPool = (external, options) => {
      const compile = real(external, options)
      return (route) => {
        compiled.push(`${route.method} ${route.url} ${route.httpPart}`)
        return compile(route)
      }
    }
    const compiler = buildLazyValidators(counting)({}, { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: true } })
    const validate = compiler({ schema: Query, method: 'GET', url: '/items', httpPart: 'querystring' }) as unknown as
      ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null }
    expect(compiled).toEqual([])

    const query: Record<string, unknown> = { page: '2' }
    expect(validate(query)).toBe(true)
    expect(query).toEqual({ page: 2 })
    const empty: Record<string, unknown> = {}
    expect(validate(empty)).toBe(true)
    expect(empty).toEqual({ page: 1 })
    expect(validate({ page: '0' })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/page', keyword: 'minimum' })
    expect(validate({ page: '1', q: 'abcd' })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/q', keyword: 'maxLength' })
    expect(compiled).toEqual(['GET /items querystring'])
  })
})
