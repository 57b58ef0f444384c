import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createChild, createListing, createSession, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { aiUsage } from '../../db/schema/ai-advisor.js'
import type { ChatResponse } from './ai-advisor.schemas.js'

const ctx = await buildTestApp({ env: { AI_ADVISOR_DAILY_QUESTIONS: '6' } })
const db = ctx.database.db
const swimming = await createCategory(db, { slug: 'swimming', name: 'Swimming' })
const dance = await createCategory(db, { slug: 'dance', name: 'Dance' })
const PUNE = { city: 'Pune', state: 'Maharashtra', lat: 18.5204, lng: 73.8567 }

// the clock starts on Monday 5 Jan 2026, 10:00 in India
const SATURDAY_10 = new Date('2026-01-10T04:30:00.000Z')
const SUNDAY_11 = new Date('2026-01-11T05:30:00.000Z')
const TUESDAY_17 = new Date('2026-01-06T11:30:00.000Z')

const fits = await createListing(db, { title: 'Aqua Champs Swim Class', category_id: swimming.id, age_min: 5, age_max: 10, price: 150_000, venue: PUNE })
await createSession(db, fits.id, TUESDAY_17)
await createSession(db, fits.id, SATURDAY_10)
const tooOld = await createListing(db, { title: 'Teen Swim Squad', category_id: swimming.id, age_min: 12, age_max: 16, price: 100_000, venue: PUNE })
await createSession(db, tooOld.id, SATURDAY_10)
const tooDear = await createListing(db, { title: 'Elite Swim Academy', category_id: swimming.id, age_min: 5, age_max: 10, price: 300_000, venue: PUNE })
await createSession(db, tooDear.id, SATURDAY_10)
const draft = await createListing(db, { title: 'Draft Swim Class', category_id: swimming.id, status: 'draft', age_min: 5, age_max: 10, price: 50_000, venue: PUNE })
await createSession(db, draft.id, SATURDAY_10)
const danceClass = await createListing(db, { title: 'Pune Bollywood Beats', category_id: dance.id, age_min: 5, age_max: 12, price: 80_000, venue: PUNE })
await createSession(db, danceClass.id, SUNDAY_11)

async function parent(overrides: { city?: string } = {}) {
  const user = await createUser(db, { city: overrides.city ?? null })
  return { user, headers: await authHeader(user, ctx.clock) }
}

const ask = (headers: Record<string, string>, payload: object, extra: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/ai-advisor/chat', headers: { ...headers, ...extra }, payload })

describe('POST /api/ai-advisor/chat (offline engine)', () => {
  it('understands the question and recommends only public listings that fit, with the next fitting session and why', async () => {
    const { headers } = await parent()
    const res = await ask(headers, { message: 'weekend swimming for my 7-year-old in Poona under ₹2,000' })
    expect(res.statusCode).toBe(200)
    const body = res.json<ChatResponse>()
    expect(body.engine).toBe('offline')
    expect(body.understanding).toMatchObject({ ages: [7], city: 'Pune', city_source: 'message', categories: ['swimming'], weekdays: [6, 7], max_price: 200_000 })
    expect(body.recommendations.map((r) => r.listing.id)).toEqual([fits.id])
    const [rec] = body.recommendations
    expect(rec!.next_session!.starts_at).toBe(SATURDAY_10.toISOString())
    expect(rec!.why).toEqual(expect.arrayContaining(['Swimming, as you asked', 'For ages 5–10: fits age 7', '₹1,500 per session, within your ₹2,000']))
    expect(body.reply).toContain('Aqua Champs Swim Class')
    expect(body.reply).toContain('Sat 10 Jan, 10:00 AM')
    expect(body.relaxation).toBeNull()
    expect(body.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0 })
  })

  it('keeps the conversation: a follow-up reuses what was understood, and both turns are in the history', async () => {
    const { headers } = await parent()
    const first = (await ask(headers, { message: 'swimming on weekends for my 7 year old in Pune' })).json<ChatResponse>()
    const second = await ask(headers, { message: 'and dance?', conversation_id: first.conversation_id })
    expect(second.statusCode).toBe(200)
    const body = second.json<ChatResponse>()
    expect(body.conversation_id).toBe(first.conversation_id)
    expect(body.understanding).toMatchObject({ ages: [7], city: 'Pune', city_source: 'conversation', categories: ['dance'], weekdays: [6, 7] })
    expect(body.recommendations.map((r) => r.listing.id)).toEqual([danceClass.id])

    const list = await ctx.app.inject({ method: 'GET', url: '/api/ai-advisor/conversations', headers })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: first.conversation_id, title: 'swimming on weekends for my 7 year old in Pune', message_count: 4 }] })
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/ai-advisor/conversations/${first.conversation_id}`, headers })
    expect(detail.statusCode).toBe(200)
    const messages = detail.json<{ messages: Array<{ role: string; content: string; recommendations: ChatResponse['recommendations'] }> }>().messages
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(messages[2]!.content).toBe('and dance?')
    expect(messages[3]!.recommendations.map((r) => r.listing.id)).toEqual([danceClass.id])
  })

  it('searches the profile city when the message names none, and the children’s ages from child_ids', async () => {
    const { user, headers } = await parent({ city: 'Pune' })
    // 7 on the clock's day (born 15 Jun 2018)
    const child = await createChild(db, user.id, { date_of_birth: '2018-06-15' })
    const res = await ask(headers, { message: 'swimming please', child_ids: [child.id] })
    expect(res.statusCode).toBe(200)
    const body = res.json<ChatResponse>()
    expect(body.understanding).toMatchObject({ ages: [7], city: 'Pune', city_source: 'profile' })
    // no budget this time: the dearer class fits too; never the draft or the one for teens
    expect(body.recommendations.map((r) => r.listing.id).sort()).toEqual([fits.id, tooDear.id].sort())
    expect(body.reply).toContain('the city in your profile')
  })

  it('when nothing fits, says so and offers the nearest relaxation', async () => {
    const { headers } = await parent()
    const res = await ask(headers, { message: 'swimming on Thursday for my 8 year old in Pune' })
    const body = res.json<ChatResponse>()
    expect(body.recommendations).toEqual([])
    expect(body.reply).toMatch(/^I found nothing that fits/)
    expect(body.relaxation).toMatchObject({ kind: 'days', description: expect.stringContaining('Thursdays') })
    const relaxed = body.relaxation!.recommendations
    expect(relaxed.map((r) => r.listing.id).sort()).toEqual([fits.id, tooDear.id].sort())
    expect(relaxed.find((r) => r.listing.id === fits.id)!.next_session!.starts_at).toBe(TUESDAY_17.toISOString())
  })

  it('streams server-sent events when asked: understanding, recommendations, reply pieces, done', async () => {
    const { headers } = await parent()
    const res = await ask(headers, { message: 'swimming for 7 year old in Pune under 2k' }, { accept: 'text/event-stream' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    const events = res.body.trim().split('\n\n').map((block) => {
      const [event, data] = block.split('\n')
      return { event: event!.replace('event: ', ''), data: JSON.parse(data!.replace('data: ', '')) as Record<string, unknown> }
    })
    expect(events[0]).toMatchObject({ event: 'understanding', data: { ages: [7], city: 'Pune', max_price: 200_000 } })
    expect(events[1]).toMatchObject({ event: 'recommendations', data: { relaxation: null, recommendations: [{ listing: { id: fits.id } }] } })
    const replies = events.filter((e) => e.event === 'reply').map((e) => e.data.text as string)
    expect(replies.join('')).toContain('Aqua Champs Swim Class')
    const done = events.at(-1)!
    expect(done.event).toBe('done')
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/ai-advisor/conversations/${done.data.conversation_id as string}`, headers })
    expect(detail.json<{ messages: Array<{ content: string }> }>().messages[1]!.content).toBe(replies.join(''))
  })

  it('answers 422 for bad input and changes nothing; an emoji question is fine', async () => {
    const { user, headers } = await parent()
    for (const payload of [{}, { message: '' }, { message: 'x'.repeat(1001) }, { message: 'y'.repeat(100_000) }, { message: 'ok', conversation_id: 'nope' }, { message: 'ok', child_ids: ['nope'] }]) {
      const res = await ask(headers, payload)
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(422)
    }
    expect(await db.select().from(aiUsage).where(eq(aiUsage.user_id, user.id))).toEqual([])
    expect((await ask(headers, { message: '🏊‍♀️ swimming for my 7 yo in Pune 🙏' })).statusCode).toBe(200)
  })
})

describe('another parent’s things are 404', () => {
  it('a conversation or child of someone else is 404 everywhere, and the caller’s question is not counted', async () => {
    const owner = await parent()
    const other = await parent()
    const mine = (await ask(owner.headers, { message: 'dance in Pune' })).json<ChatResponse>()
    const theirChild = await createChild(db, owner.user.id)
    const url = `/api/ai-advisor/conversations/${mine.conversation_id}`
    expect((await ctx.app.inject({ method: 'GET', url, headers: other.headers })).json()).toMatchObject({ code: 'CONVERSATION_NOT_FOUND' })
    expect((await ctx.app.inject({ method: 'DELETE', url, headers: other.headers })).statusCode).toBe(404)
    expect((await ask(other.headers, { message: 'more', conversation_id: mine.conversation_id })).statusCode).toBe(404)
    expect((await ask(other.headers, { message: 'swimming', child_ids: [theirChild.id] })).json()).toMatchObject({ code: 'CHILD_NOT_FOUND' })
    expect(await db.select().from(aiUsage).where(eq(aiUsage.user_id, other.user.id))).toEqual([])
    expect((await ctx.app.inject({ method: 'GET', url: '/api/ai-advisor/conversations', headers: other.headers })).json()).toMatchObject({ total: 0, items: [] })
    // the owner's conversation is untouched; then the owner deletes it
    expect((await ctx.app.inject({ method: 'GET', url, headers: owner.headers })).statusCode).toBe(200)
    expect((await ctx.app.inject({ method: 'DELETE', url, headers: owner.headers })).statusCode).toBe(204)
    expect((await ctx.app.inject({ method: 'GET', url, headers: owner.headers })).statusCode).toBe(404)
    expect((await ctx.app.inject({ method: 'GET', url: '/api/ai-advisor/conversations/not-a-uuid', headers: owner.headers })).statusCode).toBe(422)
  })
})

describe('daily limit', () => {
  it('answers 429 with Retry-After until India midnight past AI_ADVISOR_DAILY_QUESTIONS, and again the next day', async () => {
    const { user, headers } = await parent()
    for (let i = 0; i < 6; i++) expect((await ask(headers, { message: `swimming in Pune ${i}` })).statusCode).toBe(200)
    const refused = await ask(headers, { message: 'one more' })
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({ code: 'ADVISOR_DAILY_LIMIT' })
    // 10:00 in India: 14 hours to midnight
    expect(refused.headers['retry-after']).toBe(String(14 * 3600))
    expect(await db.select({ questions: aiUsage.questions }).from(aiUsage).where(eq(aiUsage.user_id, user.id))).toEqual([{ questions: 6 }])
    ctx.clock.advance(14 * 3600 * 1000)
    try {
      expect((await ask(headers, { message: 'swimming in Pune again' })).statusCode).toBe(200)
    } finally {
      ctx.clock.advance(-14 * 3600 * 1000)
    }
  })
})

describe.runIf(usingPostgres())('daily limit under concurrency (PostgreSQL)', () => {
  it('ten questions at once from one parent with a limit of 6: exactly 6 answered, 4 refused, the count never above it', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const { user, headers } = await parent()
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${base}/api/ai-advisor/chat`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ message: `swimming in Pune ${i}` }) }).then(async (res) => {
          await res.text()
          return res.status
        }),
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(6)
    expect(statuses.filter((s) => s === 429)).toHaveLength(4)
    expect(await db.select({ questions: aiUsage.questions }).from(aiUsage).where(eq(aiUsage.user_id, user.id))).toEqual([{ questions: 6 }])
  })
})
