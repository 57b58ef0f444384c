// What every fake provider server shares: JSON answers, reading a body, listening on a free loopback port, closing
// with its connections. Each fake keeps only its provider's own protocol.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export function sendJson(res: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return
  res.writeHead(statusCode, { 'content-type': 'application/json', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

/** The raw body, and its JSON: undefined when empty, null when it does not parse. */
export async function readJsonBody(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks).toString('utf8')
  if (!raw) return { raw, json: undefined }
  try {
    return { raw, json: JSON.parse(raw) as unknown }
  } catch {
    return { raw, json: null }
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface LoopbackServer {
  server: Server
  /** http://127.0.0.1:<port> */
  origin: string
  /** Stops listening and drops open connections (a hanging request included). */
  close(): Promise<void>
}

/** Serves `handle` on 127.0.0.1 on a free port; a handler that throws answers 500 with `onError`'s body. */
export async function listenOnLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  onError: (res: ServerResponse, message: string) => void = (res, message) => sendJson(res, 500, { error: message }),
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((err: unknown) => onError(res, err instanceof Error ? err.message : 'error'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
