import { afterAll, describe, expect, it } from 'vitest'
import { startFakeChatServer } from '../../../test/fakes/chat-completions-server.js'
import { createChatModel, createOpenAiChatModel, disabledChatModel, LlmError, type ChatModel } from './index.js'

const fake = await startFakeChatServer()
afterAll(() => fake.close())
const model = createOpenAiChatModel({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, model: 'gpt-test', timeoutMs: 500 })
const tools = [{ type: 'function' as const, function: { name: 'search_listings', description: 'search', parameters: { type: 'object' } } }]

async function failureOf(model: ChatModel, stream = false): Promise<LlmError> {
  const err = await model.complete({ messages: [{ role: 'user', content: 'hi' }], stream }).then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(LlmError)
  return err as LlmError
}

describe('OpenAI-compatible chat model against the local fake', () => {
  it('sends model, messages and tools with the key, and reads content and usage', async () => {
    fake.answerWith(() => ({ kind: 'content', content: 'Namaste!', usage: { prompt_tokens: 11, completion_tokens: 3 } }))
    const answer = await model.complete({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }], tools, maxTokens: 50 })
    expect(answer).toEqual({ content: 'Namaste!', tool_calls: [], finish_reason: 'stop', usage: { prompt_tokens: 11, completion_tokens: 3 } })
    const sent = fake.requests.at(-1)!
    expect(sent).toMatchObject({ model: 'gpt-test', max_tokens: 50, tools: [{ type: 'function', function: { name: 'search_listings' } }] })
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user'])
  })

  it('reads tool calls, with their arguments as the JSON string the model wrote', async () => {
    fake.answerWith(() => ({ kind: 'tool_calls', calls: [{ name: 'search_listings', arguments: '{"city":"Pune","age":7}' }] }))
    const answer = await model.complete({ messages: [{ role: 'user', content: 'swimming in Pune' }], tools })
    expect(answer.finish_reason).toBe('tool_calls')
    expect(answer.tool_calls).toEqual([{ id: 'call_0', type: 'function', function: { name: 'search_listings', arguments: '{"city":"Pune","age":7}' } }])
  })

  it('puts a streamed answer back together: content pieces, tool-call pieces by index, usage from the last chunk', async () => {
    fake.answerWith(() => ({ kind: 'content', content: 'Here are two swimming classes near you.', usage: { prompt_tokens: 40, completion_tokens: 9 } }))
    const content = await model.complete({ messages: [{ role: 'user', content: 'hi' }], stream: true })
    expect(content).toEqual({ content: 'Here are two swimming classes near you.', tool_calls: [], finish_reason: 'stop', usage: { prompt_tokens: 40, completion_tokens: 9 } })
    expect(fake.requests.at(-1)!.stream).toBe(true)

    fake.answerWith(() => ({
      kind: 'tool_calls',
      calls: [
        { name: 'search_listings', arguments: '{"category":"swimming","city":"Delhi"}' },
        { name: 'get_listing_sessions', arguments: '{"listing_id":"5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44"}' },
      ],
    }))
    const calls = await model.complete({ messages: [{ role: 'user', content: 'hi' }], tools, stream: true })
    expect(calls.finish_reason).toBe('tool_calls')
    expect(calls.tool_calls.map((c) => [c.id, c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['call_0', 'search_listings', { category: 'swimming', city: 'Delhi' }],
      ['call_1', 'get_listing_sessions', { listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44' }],
    ])
  })

  it('fails with a reason: http on a 500 or a wrong key, malformed on garbage, timeout on silence, network when nothing listens', async () => {
    fake.answerWith(() => ({ kind: 'http_error', status: 500 }))
    expect((await failureOf(model)).reason).toBe('http')
    const wrongKey = createOpenAiChatModel({ baseUrl: fake.baseUrl, apiKey: 'sk-wrong', model: 'gpt-test', timeoutMs: 500 })
    fake.answerWith(() => ({ kind: 'content', content: 'x' }))
    const denied = await failureOf(wrongKey)
    expect([denied.reason, denied.message]).toEqual(['http', 'The model answered HTTP 401'])
    fake.answerWith(() => ({ kind: 'malformed' }))
    expect((await failureOf(model)).reason).toBe('malformed')
    fake.answerWith(() => ({ kind: 'hang' }))
    const started = Date.now()
    expect((await failureOf(model, true)).reason).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(3_000)
    const closed = await startFakeChatServer()
    await closed.close()
    expect((await failureOf(createOpenAiChatModel({ baseUrl: closed.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 500 }))).reason).toBe('network')
  })
})

describe('createChatModel', () => {
  it('is disabled without a key and the HTTP client with one', async () => {
    expect(createChatModel({ apiKey: '', baseUrl: fake.baseUrl, model: 'm', timeoutMs: 500 })).toBe(disabledChatModel)
    expect((await failureOf(disabledChatModel)).reason).toBe('disabled')
    const real = createChatModel({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, model: 'm', timeoutMs: 500 })
    expect(real.enabled).toBe(true)
    fake.answerWith(() => ({ kind: 'content', content: 'ok' }))
    expect((await real.complete({ messages: [{ role: 'user', content: 'hi' }] })).content).toBe('ok')
  })
})
