// One place that turns anything thrown into FastAPI's error shape: {detail, code}; 422 lists validation issues.
import type { FastifyError, FastifyInstance } from 'fastify'
import { AppError } from './errors.js'

interface AjvIssue {
  instancePath: string
  keyword: string
  message?: string | undefined
  params: Record<string, unknown>
}

interface ValidationDetail {
  loc: (string | number)[]
  msg: string
  type: string
}

// FastAPI names the request parts this way; the apps' error handling reads `loc[0]`.
const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' }

function toDetail(part: string, issue: AjvIssue): ValidationDetail {
  const path = issue.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')))
  const loc: (string | number)[] = [PART[part] ?? part, ...path]
  switch (issue.keyword) {
    case 'required':
      return { loc: [...loc, String(issue.params.missingProperty)], msg: 'Field required', type: 'missing' }
    case 'additionalProperties':
      return { loc: [...loc, String(issue.params.additionalProperty)], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' }
    case 'type':
      return { loc, msg: `Input should be a valid ${String(issue.params.type)}`, type: `${String(issue.params.type)}_type` }
    case 'enum':
      return { loc, msg: `Input should be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`, type: 'enum' }
    default:
      return { loc, msg: `Input ${issue.message ?? 'is invalid'}`, type: issue.keyword }
  }
}

/** PostgreSQL SQLSTATEs a client can cause; anything else is our fault (500). */
function fromDatabase(err: unknown): AppError | undefined {
  const cause = (err as { cause?: unknown }).cause ?? err
  const code = (cause as { code?: unknown }).code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  if (code === '23505') return new AppError('conflict', 'ALREADY_EXISTS', 'A record with these details already exists')
  if (code === '23503') return new AppError('conflict', 'REFERENCE_CONFLICT', 'A referenced record does not exist or is still in use')
  if (code === '23514') return new AppError('conflict', 'CONSTRAINT_VIOLATION', 'The change would break a rule of the data')
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22003')
    return new AppError('unprocessable', 'INVALID_VALUE', 'A value is out of range or malformed')
  // text PostgreSQL cannot store (a NUL, a character outside the encoding) that got past request validation
  if (code === '22021' || code === '22P05') return new AppError('unprocessable', 'INVALID_TEXT', 'A text value contains a character that cannot be stored')
  if (code === '40001' || code === '40P01') return new AppError('conflict', 'CONCURRENT_UPDATE', 'The record changed at the same time; please retry')
  return undefined
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const part = error.validationContext ?? 'body'
      const detail = (error.validation as AjvIssue[]).filter((i) => i.keyword !== 'anyOf' || error.validation?.length === 1).map((i) => toDetail(part, i))
      return reply.code(422).send({ detail, code: 'VALIDATION_ERROR' })
    }
    const known = error instanceof AppError ? error : fromDatabase(error)
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message)
      return reply.code(known.status).headers(known.headers).send({ detail: known.message, code: known.code })
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.code(422).send({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }], code: 'VALIDATION_ERROR' })
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(422).send({ detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }], code: 'VALIDATION_ERROR' })
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({ detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE' })
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({ detail: 'Unsupported media type', code: 'UNSUPPORTED_MEDIA_TYPE' })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // a client error raised by Fastify or a plugin (e.g. a bad header); its message is safe to show
      return reply.code(status).send({ detail: error.message, code: error.code ?? 'BAD_REQUEST' })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.code(500).send({ detail: 'Internal Server Error', code: 'INTERNAL_ERROR' })
  })

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ detail: 'Not Found', code: 'NOT_FOUND' })
  })
}
