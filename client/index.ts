// The typed RRRAY API client: openapi-fetch over the types generated from the OpenAPI document (client/schema.ts).
import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { paths } from './schema.js'

export type { components, operations, paths } from './schema.js'

export type ApiClient = Client<paths>

/** A client for one server; `baseUrl` is the origin the API is served from (paths already start with /api). */
export function createApiClient(options: ClientOptions): ApiClient {
  return createClient<paths>(options)
}

/** The header a signed-in call sends. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` }
}
