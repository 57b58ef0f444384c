// Schemas every module shares: error answers, pagination, ids.
import Type, { type Static, type TSchema } from 'typebox'

export const Uuid = Type.String({ format: 'uuid', examples: ['5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44'] })
export const IsoDateTime = Type.String({ format: 'date-time', examples: ['2026-12-05T04:30:00.000Z'] })
export const IsoDate = Type.String({ format: 'date', examples: ['2018-04-21'] })
export const Paise = Type.Integer({ minimum: 0, description: 'Amount in paise (₹1 = 100)', examples: [149900] })

export const IdParams = Type.Object({ id: Uuid })
export type IdParams = Static<typeof IdParams>

const ValidationIssue = Type.Object({
  loc: Type.Array(Type.Union([Type.String(), Type.Integer()])),
  msg: Type.String(),
  type: Type.String(),
})

export const ErrorResponse = Type.Object(
  {
    detail: Type.Union([Type.String(), Type.Array(ValidationIssue)]),
    code: Type.String(),
  },
  { $id: 'ErrorResponse', examples: [{ detail: 'Session is full', code: 'SESSION_FULL' }] },
)
export type ErrorResponse = Static<typeof ErrorResponse>

/** Error answers a route can give, for its OpenAPI entry and serialisation. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]))
}

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
})
export type PageQuery = Static<typeof PageQuery>

/** A page of items; its OpenAPI example is built from the item schema's first example. */
export function Page<T extends TSchema>(item: T) {
  const itemExample = (item as { examples?: unknown[] }).examples?.[0]
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ minimum: 0 }),
      page: Type.Integer({ minimum: 1 }),
      page_size: Type.Integer({ minimum: 1 }),
    },
    itemExample === undefined ? {} : { examples: [{ items: [itemExample], total: 1, page: 1, page_size: 20 }] },
  )
}

export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export function pageOffset(query: PageQuery): { limit: number; offset: number } {
  return { limit: query.page_size, offset: (query.page - 1) * query.page_size }
}
