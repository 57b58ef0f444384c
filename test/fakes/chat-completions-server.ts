// A local stand-in for an OpenAI-compatible chat-completions API: checks the Bearer key and the body's shape, records
// each request, and answers what the test scripts — content, tool calls, an HTTP error, garbage or silence — as one
// JSON answer or, when the request asks `stream: true`, as server-sent events split into pieces, ending with [DONE].
import { type ServerResponse } from 'node:http'
import { listenOnLoopback } from './fake-http.js'

export interface FakeChatRequest {
  model: string
  messages: Array<{ role: string; content: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; tool_call_id?: string }>
  tools?: Array<{ type: string; function: { name: string } }>
  stream?: boolean
  max_tokens?: number
}

export type FakeChatAnswer =
  | { kind: 'content'; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: 'tool_calls'; calls: Array<{ name: string; arguments: string }>; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: 'http_error'; status: number }
  | { kind: 'malformed' }
  | { kind: 'hang' }

export interface FakeChatServer {
  readonly baseUrl: string
  readonly apiKey: string
  readonly requests: FakeChatRequest[]
  /** How the next requests are answered, from what they carry. */
  answerWith(script: (request: FakeChatRequest) => FakeChatAnswer): void
  close(): Promise<void>
}

const DEFAULT_USAGE = { prompt_tokens: 120, completion_tokens: 30 }

function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2)
  return [text.slice(0, middle), text.slice(middle)].filter((p) => p.length > 0)
}

function sendStream(res: ServerResponse, answer: Exclude<FakeChatAnswer, { kind: 'http_error' | 'malformed' | 'hang' }>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  const event = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`)
  const chunk = (delta: object, finish: string | null = null) => event({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })
  chunk({ role: 'assistant' })
  if (answer.kind === 'content') {
    for (const piece of answer.content.match(/[\s\S]{1,7}/g) ?? []) chunk({ content: piece })
    chunk({}, 'stop')
  } else {
    answer.calls.forEach((call, index) => {
      const [first, ...rest] = halves(call.arguments)
      chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: first ?? '' } }] })
      for (const piece of rest) chunk({ tool_calls: [{ index, function: { arguments: piece } }] })
    })
    chunk({}, 'tool_calls')
  }
  event({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', choices: [], usage: answer.usage ?? DEFAULT_USAGE })
  res.end('data: [DONE]\n\n')
}

function sendJson(res: ServerResponse, answer: Exclude<FakeChatAnswer, { kind: 'http_error' | 'malformed' | 'hang' }>): void {
  const message =
    answer.kind === 'content'
      ? { role: 'assistant', content: answer.content }
      : { role: 'assistant', content: null, tool_calls: answer.calls.map((c, i) => ({ id: `call_${i}`, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion', choices: [{ index: 0, message, finish_reason: answer.kind === 'content' ? 'stop' : 'tool_calls' }], usage: answer.usage ?? DEFAULT_USAGE }))
}

export async function startFakeChatServer(apiKey = 'sk-test-0123456789'): Promise<FakeChatServer> {
  const requests: FakeChatRequest[] = []
  let script: (request: FakeChatRequest) => FakeChatAnswer = () => ({ kind: 'content', content: 'Hello' })
  const loopback = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const fail = (status: number, message: string) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }))
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return fail(404, 'not found')
      if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(401, 'Incorrect API key provided')
      let body: FakeChatRequest
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeChatRequest
      } catch {
        return fail(400, 'invalid JSON')
      }
      if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) return fail(400, 'model and messages are required')
      // every tool answer must follow an assistant message that asked for it
      const asked = new Set(body.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id)))
      if (body.messages.some((m) => m.role === 'tool' && !asked.has(m.tool_call_id ?? ''))) return fail(400, 'tool message without a matching tool call')
      requests.push(body)
      const answer = script(body)
      if (answer.kind === 'hang') return undefined
      if (answer.kind === 'http_error') return fail(answer.status, 'upstream trouble')
      if (answer.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end('{"choices": [')
      }
      return body.stream ? sendStream(res, answer) : sendJson(res, answer)
    })
  })
  return {
    baseUrl: `${loopback.origin}/v1`,
    apiKey,
    requests,
    answerWith(next) {
      script = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        loopback.server.closeAllConnections()
        loopback.server.close(() => resolve())
      }),
  }
}
