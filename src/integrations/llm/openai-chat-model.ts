// An OpenAI-compatible chat-completions client over HTTP: POST {base}/chat/completions, plain JSON or server-sent events.
import { LlmError, type ChatCompletion, type ChatModel, type ToolCall } from './chat-model.js'

export interface OpenAiChatModelOptions {
  /** https://api.openai.com/v1, a gateway, or a local fake in tests. */
  baseUrl: string
  apiKey: string
  model: string
  timeoutMs: number
  temperature?: number
}

interface RawToolCall {
  index?: number
  id?: string
  type?: string
  function?: { name?: string; arguments?: string }
}

interface RawChoice {
  message?: { content?: string | null; tool_calls?: RawToolCall[] }
  delta?: { content?: string | null; tool_calls?: RawToolCall[] }
  finish_reason?: string | null
}

interface RawAnswer {
  choices?: RawChoice[]
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null
}

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : 0)

function toToolCalls(raw: readonly RawToolCall[] | undefined): ToolCall[] {
  return (raw ?? []).map((c, i) => ({
    id: c.id ?? `call_${i}`,
    type: 'function' as const,
    function: { name: c.function?.name ?? '', arguments: c.function?.arguments ?? '' },
  }))
}

function readJsonAnswer(answer: RawAnswer | undefined): ChatCompletion {
  const choice = answer?.choices?.[0]
  if (!choice?.message) throw new LlmError('The model answered without a choice', 'malformed')
  return {
    content: typeof choice.message.content === 'string' ? choice.message.content : null,
    tool_calls: toToolCalls(choice.message.tool_calls),
    finish_reason: choice.finish_reason ?? 'stop',
    usage: { prompt_tokens: count(answer?.usage?.prompt_tokens), completion_tokens: count(answer?.usage?.completion_tokens) },
  }
}

/** Puts a streamed answer back together: content pieces in order, tool-call pieces concatenated by index. */
export function assembleStream(events: readonly RawAnswer[]): ChatCompletion {
  let content = ''
  let sawContent = false
  let finish = 'stop'
  const calls = new Map<number, { id: string; name: string; arguments: string }>()
  const usage = { prompt_tokens: 0, completion_tokens: 0 }
  for (const event of events) {
    if (event.usage) {
      usage.prompt_tokens = count(event.usage.prompt_tokens)
      usage.completion_tokens = count(event.usage.completion_tokens)
    }
    const choice = event.choices?.[0]
    if (!choice) continue
    if (typeof choice.delta?.content === 'string') {
      content += choice.delta.content
      sawContent = true
    }
    for (const piece of choice.delta?.tool_calls ?? []) {
      const index = piece.index ?? 0
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' }
      if (piece.id) call.id = piece.id
      if (piece.function?.name) call.name += piece.function.name
      if (piece.function?.arguments) call.arguments += piece.function.arguments
      calls.set(index, call)
    }
    if (choice.finish_reason) finish = choice.finish_reason
  }
  const tool_calls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({ id: c.id || `call_${index}`, type: 'function' as const, function: { name: c.name, arguments: c.arguments } }))
  return { content: sawContent ? content : null, tool_calls, finish_reason: finish, usage }
}

function parseEventStream(text: string): RawAnswer[] {
  const events: RawAnswer[] = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue
    const data = line.slice(5).trim()
    if (data === '[DONE]' || data === '') continue
    try {
      events.push(JSON.parse(data) as RawAnswer)
    } catch {
      throw new LlmError('The model streamed an unreadable chunk', 'malformed')
    }
  }
  return events
}

export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`
  return {
    enabled: true,
    model: options.model,
    async complete(request) {
      const body = {
        model: options.model,
        messages: request.messages,
        ...(request.tools && request.tools.length > 0 ? { tools: request.tools, tool_choice: 'auto' } : {}),
        temperature: options.temperature ?? 0.2,
        ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
        ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }
      // one deadline for the whole exchange, the streamed body included
      const signal = AbortSignal.timeout(options.timeoutMs)
      try {
        const response = await fetch(url, {
          method: 'POST',
          signal,
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: request.stream ? 'text/event-stream' : 'application/json' },
          body: JSON.stringify(body),
        })
        if (!response.ok) {
          await response.body?.cancel()
          throw new LlmError(`The model answered HTTP ${response.status}`, 'http')
        }
        const text = await response.text()
        if (request.stream) return assembleStream(parseEventStream(text))
        let answer: RawAnswer | undefined
        try {
          answer = JSON.parse(text) as RawAnswer
        } catch {
          throw new LlmError('The model answered something that is not JSON', 'malformed')
        }
        return readJsonAnswer(answer)
      } catch (err) {
        if (err instanceof LlmError) throw err
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        // never the raw error: it may quote the request
        throw new LlmError(timedOut ? `The model did not answer within ${options.timeoutMs} ms` : 'The model could not be reached', timedOut ? 'timeout' : 'network')
      }
    },
  }
}
