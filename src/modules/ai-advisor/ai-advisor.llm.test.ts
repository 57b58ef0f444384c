// The LLM engine through the HTTP API, against the local fake chat-completions server: the model searches through
// tools, its grounded answer is used and its tokens recorded; an answer naming anything the catalog did not return,
// or a failing model, gives the offline answer instead.
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeChatServer, type FakeChatAnswer, type FakeChatRequest } from '../../../test/fakes/chat-completions-server.js'
import { authHeader, createCategory, createListing, createSession, createUser } from '../../../test/factories.js'
import { aiMessages, aiUsage } from '../../db/schema/ai-advisor.js'
import type { ChatResponse } from './ai-advisor.schemas.js'

const fake = await startFakeChatServer()
afterAll(() => fake.close())
const ctx = await buildTestApp({ env: { EMERGENT_LLM_KEY: fake.apiKey, LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-gpt', LLM_TIMEOUT_MS: '800' } })
const db = ctx.database.db

const swimming = await createCategory(db, { slug: 'swimming', name: 'Swimming' })
const JAIPUR = { city: 'Jaipur', state: 'Rajasthan', lat: 26.9124, lng: 75.7873 }
const SATURDAY_10 = new Date('2026-01-10T04:30:00.000Z')
const fits = await createListing(db, { title: 'Pink City Swim School', category_id: swimming.id, age_min: 5, age_max: 10, price: 120_000, venue: JAIPUR })
await createSession(db, fits.id, SATURDAY_10)
const teens = await createListing(db, { title: 'Jaipur Teen Swim Squad', category_id: swimming.id, age_min: 12, age_max: 16, price: 90_000, venue: JAIPUR })
await createSession(db, teens.id, SATURDAY_10)

const QUESTION = 'swimming for my 7 year old in Jaipur'

/** A model that searches first, then recommends what `pick` chooses from the tool's answer, saying `reply`. */
function searchingModel(pick: (listings: Array<{ id: string; title: string }>) => { listing_id: string; why: string }[], reply: (listings: Array<{ id: string; title: string; price_rupees: number }>) => string) {
  return (request: FakeChatRequest): FakeChatAnswer => {
    const toolAnswer = request.messages.findLast((m) => m.role === 'tool')
    if (!toolAnswer) return { kind: 'tool_calls', calls: [{ name: 'search_listings', arguments: JSON.stringify({ category: 'swimming', city: 'Jaipur' }) }] }
    const { listings } = JSON.parse(toolAnswer.content ?? '{}') as { listings: Array<{ id: string; title: string; price_rupees: number }> }
    return { kind: 'content', content: JSON.stringify({ reply: reply(listings), recommendations: pick(listings) }), usage: { prompt_tokens: 300, completion_tokens: 50 } }
  }
}

async function parent() {
  const user = await createUser(db)
  return { user, headers: await authHeader(user, ctx.clock) }
}

const ask = (headers: Record<string, string>, payload: object) => ctx.app.inject({ method: 'POST', url: '/api/ai-advisor/chat', headers, payload })

describe('the LLM engine (EMERGENT_LLM_KEY accepted as the key)', () => {
  it('asks the catalog through tools, and a grounded answer is sent with its tokens recorded', async () => {
    fake.answerWith(
      searchingModel(
        (listings) => listings.filter((l) => l.title === 'Pink City Swim School').map((l) => ({ listing_id: l.id, why: 'Small groups for beginners.' })),
        () => 'Try **Pink City Swim School**: ₹1,200 a session, ages 5–10, next on Sat 10 Jan at 10:00 AM.',
      ),
    )
    const { user, headers } = await parent()
    const before = fake.requests.length
    const res = await ask(headers, { message: QUESTION })
    expect(res.statusCode).toBe(200)
    const body = res.json<ChatResponse>()
    expect(body.engine).toBe('llm')
    expect(body.reply).toBe('Try **Pink City Swim School**: ₹1,200 a session, ages 5–10, next on Sat 10 Jan at 10:00 AM.')
    expect(body.recommendations.map((r) => [r.listing.id, r.next_session?.starts_at, r.why[0]])).toEqual([[fits.id, SATURDAY_10.toISOString(), 'Small groups for beginners.']])
    // two completions: the tool call (120 + 30 by default) and the answer (300 + 50)
    expect(body.usage).toEqual({ prompt_tokens: 420, completion_tokens: 80 })

    const sent = fake.requests.slice(before)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toMatchObject({ model: 'fake-gpt', stream: true })
    expect(sent[0]!.tools!.map((t) => t.function.name)).toEqual(['search_listings', 'get_listing_sessions'])
    expect(sent[0]!.messages[0]!.content).toContain('swimming activities for age 7 in Jaipur')
    expect(sent[1]!.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool'])

    const [stored] = await db.select().from(aiMessages).where(eq(aiMessages.id, body.message_id))
    expect(stored).toMatchObject({ engine: 'llm', prompt_tokens: 420, completion_tokens: 80 })
    expect(await db.select({ questions: aiUsage.questions, tokens: aiUsage.tokens }).from(aiUsage).where(eq(aiUsage.user_id, user.id))).toEqual([{ questions: 1, tokens: 500 }])

    // the next question carries the conversation so far
    const next = await ask(headers, { message: 'and on Sundays?', conversation_id: body.conversation_id })
    expect(next.statusCode).toBe(200)
    const history = fake.requests.at(-2)!.messages.map((m) => [m.role, m.content])
    expect(history.slice(1, 4)).toEqual([['user', QUESTION], ['assistant', body.reply], ['user', 'and on Sundays?']])
  })

  const ungrounded: Array<[string, Parameters<typeof searchingModel>[0], Parameters<typeof searchingModel>[1]]> = [
    ['a listing no tool returned', () => [{ listing_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44', why: 'Great pool.' }], () => 'Try Aqua Stars.'],
    ['a price the catalog did not return', (l) => l.filter((x) => x.title === 'Pink City Swim School').map((x) => ({ listing_id: x.id, why: 'Cheap.' })), () => 'Pink City Swim School is only ₹999.'],
    ['an invented name', (l) => l.filter((x) => x.title === 'Pink City Swim School').map((x) => ({ listing_id: x.id, why: 'Also see **Aqua Stars Academy**.' })), () => 'Try Pink City Swim School.'],
    ['a time no session has', (l) => l.filter((x) => x.title === 'Pink City Swim School').map((x) => ({ listing_id: x.id, why: 'Fun.' })), () => 'Pink City Swim School runs at 7:15 pm.'],
    ['a listing outside the asked ages', (l) => l.filter((x) => x.title === 'Jaipur Teen Swim Squad').map((x) => ({ listing_id: x.id, why: 'Strong coaching.' })), () => 'Try Jaipur Teen Swim Squad.'],
    ['an age range no listing has', (l) => l.filter((x) => x.title === 'Pink City Swim School').map((x) => ({ listing_id: x.id, why: 'Good.' })), () => 'Pink City Swim School is for ages 3–12.'],
  ]

  it.each(ungrounded)('discards an answer naming %s and gives the offline answer (tokens still counted)', async (_name, pick, reply) => {
    fake.answerWith(searchingModel(pick, reply))
    const { headers } = await parent()
    const body = (await ask(headers, { message: QUESTION })).json<ChatResponse>()
    expect(body.engine).toBe('offline')
    expect(body.recommendations.map((r) => r.listing.id)).toEqual([fits.id])
    expect(body.reply).toMatch(/^Here is 1 option for swimming activities for age 7 in Jaipur/)
    expect(body.usage).toEqual({ prompt_tokens: 420, completion_tokens: 80 })
  })

  it('falls back to the offline answer when the model fails, answers garbage, or does not answer in time', async () => {
    const { headers } = await parent()
    for (const answer of [{ kind: 'http_error', status: 500 }, { kind: 'malformed' }, { kind: 'hang' }, { kind: 'content', content: 'not JSON at all' }] as FakeChatAnswer[]) {
      fake.answerWith(() => answer)
      const res = await ask(headers, { message: QUESTION })
      expect(res.statusCode, answer.kind).toBe(200)
      expect(res.json<ChatResponse>()).toMatchObject({ engine: 'offline', recommendations: [{ listing: { id: fits.id } }] })
    }
  })
})
