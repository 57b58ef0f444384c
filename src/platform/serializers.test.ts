import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { buildLazySerializers } from './serializers.js'

/** The real compiler, counting what it compiles. */
function countingSelector() {
  const compiled: string[] = []
  const real = SerializerSelector()
  const selector: SerializerSelector.SerializerFactory = (external, options) => {
    const compile = real(external, options)
    return (route) => {
      compiled.push(`${route.method} ${route.url} ${route.httpStatus}`)
      return compile(route)
    }
  }
  return { selector, compiled }
}

const ErrorBody = Type.Object({ detail: Type.String(), code: Type.String() })
const Item = Type.Object({ id: Type.Integer(), name: Type.String() })

describe('lazy response serializers', () => {
  it('compile on a route’s first answer, once per schema object, and still answer only the schema’s fields', () => {
    const { selector, compiled } = countingSelector()
    const compiler = buildLazySerializers(selector)({}, {})
    const itemOk = compiler({ method: 'GET', url: '/items/:id', httpStatus: '200', schema: Item })
    const itemNotFound = compiler({ method: 'GET', url: '/items/:id', httpStatus: '404', schema: ErrorBody })
    const otherNotFound = compiler({ method: 'GET', url: '/other/:id', httpStatus: '404', schema: ErrorBody })
    expect(compiled).toEqual([])

    expect(itemOk({ id: 1, name: 'a', secret: 'x' })).toBe('{"id":1,"name":"a"}')
    expect(itemOk({ id: 2, name: 'b' })).toBe('{"id":2,"name":"b"}')
    expect(itemNotFound({ detail: 'Not found', code: 'NOT_FOUND', stack: 'x' })).toBe('{"detail":"Not found","code":"NOT_FOUND"}')
    expect(otherNotFound({ detail: 'Gone', code: 'NOT_FOUND' })).toBe('{"detail":"Gone","code":"NOT_FOUND"}')
    // the second route's 404 reused the first one's serializer: the same schema object
    expect(compiled).toEqual(['GET /items/:id 200', 'GET /items/:id 404'])
  })

  it('keeps separate serializers in separate contexts (their shared schemas may differ)', () => {
    const { selector, compiled } = countingSelector()
    const factory = buildLazySerializers(selector)
    const a = factory({}, {})({ method: 'GET', url: '/a', httpStatus: '404', schema: ErrorBody })
    const b = factory({}, {})({ method: 'GET', url: '/b', httpStatus: '404', schema: ErrorBody })
    a({ detail: 'x', code: 'X' })
    b({ detail: 'y', code: 'Y' })
    expect(compiled).toEqual(['GET /a 404', 'GET /b 404'])
  })
})
