import Fastify from 'fastify'
import Type from 'typebox'
import { afterAll, describe, expect, it } from 'vitest'
import { registerErrorHandling } from './error-handler.js'
import { ConflictError, NotFoundError, TooManyRequestsError } from './errors.js'

// A bare app with only the error handling, so each error path can be provoked directly.
const app = Fastify({ logger: false, bodyLimit: 1024, ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true } } })
registerErrorHandling(app)
app.post('/things', { schema: { body: Type.Object({ name: Type.String({ minLength: 2 }), tags: Type.Optional(Type.Array(Type.Integer())) }) } }, async () => ({ ok: true }))
app.get('/things/:id', { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }), querystring: Type.Object({ age: Type.Optional(Type.Integer({ maximum: 18 })) }) } }, async () => ({}))
app.get('/missing', async () => { throw new NotFoundError('listing') })
app.get('/full', async () => { throw new ConflictError('SESSION_FULL', 'Session is full') })
app.get('/slow-down', async () => { throw new TooManyRequestsError('Wait a little', 29.2) })
app.get('/crash', async () => { throw new Error('secret internals: password=hunter2') })
app.get('/unique', async () => { throw Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), { code: '23505' }) })
app.get('/wrapped', async () => { throw Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('check'), { code: '23514' }) }) })
app.get('/nul-text', async () => { throw Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }) }) })
app.get('/untranslatable', async () => { throw Object.assign(new Error('character with byte sequence has no equivalent'), { code: '22P05' }) })
afterAll(() => app.close())

describe('error answers keep FastAPI’s shape', () => {
  it('422 lists each validation issue with its location', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { tags: ['x'] } })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }], code: 'VALIDATION_ERROR' })
  })

  it('422 names query and path parameters as FastAPI does', async () => {
    const query = await app.inject({ method: 'GET', url: '/things/5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44?age=40' })
    expect(query.statusCode).toBe(422)
    expect(query.json().detail[0].loc).toEqual(['query', 'age'])
    const path = await app.inject({ method: 'GET', url: '/things/not-a-uuid' })
    expect(path.json().detail[0].loc).toEqual(['path', 'id'])
  })

  it('malformed JSON is a 422 json_invalid, not a 500', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"name": ' })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0].type).toBe('json_invalid')
  })

  it('a body over the limit is 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(2000) } })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE' })
  })

  it('an unsupported content type is 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/xml' }, payload: '<a/>' })
    expect(res.statusCode).toBe(415)
  })

  it('typed errors carry their status and code', async () => {
    expect((await app.inject('/missing')).json()).toEqual({ detail: 'Listing not found', code: 'LISTING_NOT_FOUND' })
    const full = await app.inject('/full')
    expect(full.statusCode).toBe(409)
    expect(full.json()).toEqual({ detail: 'Session is full', code: 'SESSION_FULL' })
    const slow = await app.inject('/slow-down')
    expect(slow.statusCode).toBe(429)
    expect(slow.headers['retry-after']).toBe('30')
  })

  it('database constraint violations a client causes are 409, even wrapped by the driver', async () => {
    expect((await app.inject('/unique')).json()).toEqual({ detail: 'A record with these details already exists', code: 'ALREADY_EXISTS' })
    expect((await app.inject('/wrapped')).json().code).toBe('CONSTRAINT_VIOLATION')
  })

  it('text the database cannot store is a 422, never a 500, even wrapped by the driver', async () => {
    const nul = await app.inject('/nul-text')
    expect(nul.statusCode).toBe(422)
    expect(nul.json()).toEqual({ detail: 'A text value contains a character that cannot be stored', code: 'INVALID_TEXT' })
    expect((await app.inject('/untranslatable')).statusCode).toBe(422)
  })

  it('a 500 hides its message', async () => {
    const res = await app.inject('/crash')
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('hunter2')
    expect(res.json()).toEqual({ detail: 'Internal Server Error', code: 'INTERNAL_ERROR' })
  })

  it('an unknown route is a JSON 404', async () => {
    const res = await app.inject('/nowhere')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ detail: 'Not Found', code: 'NOT_FOUND' })
  })
})
