// A fetch that answers through app.inject, so the generated client drives the app in-process without a socket.
import type { App } from '../../src/app.js'

export function injectFetch(app: App): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url)
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(body ? { payload: body } : {}),
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(res.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) headers.append(name, String(one))
    }
    // a 204 or 304 Response may not carry a body
    const empty = res.statusCode === 204 || res.statusCode === 304
    const response = new Response(empty ? null : res.rawPayload, { status: res.statusCode, headers })
    // as a real fetch does, so a failure can name the URL it called
    Object.defineProperty(response, 'url', { value: request.url })
    return response
  }
}
