// The fixture of parent questions (advisor-questions.fixture.ts) asked through the HTTP API on the demo data, offline:
// 100% of recommendations satisfy every hard constraint of their question, ≥ 90% of questions naming a category get
// only that category, and a question nothing fits says so and offers a relaxation.
import { beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createUser } from '../../../test/factories.js'
import { seedDemoData } from '../../seed/index.js'
import { ungroundedClaims } from './grounding.js'
import { indiaDate } from './india-time.js'
import { ADVISOR_QUESTIONS, hardConstraintViolations as violations, type AdvisorQuestion } from './advisor-questions.fixture.js'
import type { ChatResponse } from './ai-advisor.schemas.js'

const ctx = await buildTestApp({ env: { AI_ADVISOR_DAILY_QUESTIONS: '1000' } })
const db = ctx.database.db

const answers: Array<{ question: AdvisorQuestion; answer: ChatResponse }> = []

beforeAll(async () => {
  await seedDemoData(db, { clock: ctx.clock, adminEmails: [] })
  const today = indiaDate(ctx.clock.now())
  for (const question of ADVISOR_QUESTIONS) {
    const parent = await createUser(db, { city: question.profile_city ?? null })
    const childIds: string[] = []
    for (const age of question.children ?? []) {
      // born on this day `age` years ago, less a day: exactly `age` today
      const birth = `${Number(today.slice(0, 4)) - age}${today.slice(4, 8)}${String(Math.max(1, Number(today.slice(8)) - 1)).padStart(2, '0')}`
      childIds.push((await createChild(db, parent.id, { date_of_birth: birth })).id)
    }
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/ai-advisor/chat',
      headers: await authHeader(parent, ctx.clock),
      payload: { message: question.message, ...(childIds.length > 0 ? { child_ids: childIds } : {}) },
    })
    expect(res.statusCode, question.message).toBe(200)
    answers.push({ question, answer: res.json<ChatResponse>() })
  }
}, 240_000)

describe('the offline advisor on the fixture of parent questions', () => {
  it('has at least 40 questions', () => {
    expect(ADVISOR_QUESTIONS.length).toBeGreaterThanOrEqual(40)
  })

  it('recommends only listings that satisfy every hard constraint of the question (100%)', () => {
    const broken = answers.flatMap(({ question, answer }) =>
      answer.recommendations.flatMap((r) => violations(r.listing, question.hard).map((v) => `${question.message}: ${r.listing.title} — ${v}`)),
    )
    expect(broken).toEqual([])
    expect(answers.filter((a) => a.answer.recommendations.length > 0).length).toBeGreaterThanOrEqual(30)
  })

  it('recommends only the asked category for at least 90% of the questions that name one', () => {
    const naming = answers.filter(({ question }) => question.categories && !question.nothing_fits)
    const hits = naming.filter(({ question, answer }) => answer.recommendations.length > 0 && answer.recommendations.every((r) => question.categories!.includes(r.listing.category.slug)))
    const misses = naming.filter((a) => !hits.includes(a)).map((a) => a.question.message)
    expect(hits.length / naming.length, `missed: ${misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9)
  })

  it('says so when nothing fits, and offers the nearest relaxation instead of an empty list', () => {
    for (const { question, answer } of answers.filter((a) => a.question.nothing_fits)) {
      expect(answer.recommendations, question.message).toEqual([])
      expect(answer.reply, question.message).toMatch(/nothing/i)
      if (question.hard.city === 'Chennai') continue // no activity in the city at all: nothing to relax to
      expect(answer.relaxation, question.message).not.toBeNull()
      expect(answer.relaxation!.recommendations.length, question.message).toBeGreaterThan(0)
    }
  })

  it('gives each recommendation a next session and reasons, and names nothing the catalog did not return', () => {
    for (const { answer } of answers) {
      for (const r of [...answer.recommendations, ...(answer.relaxation?.recommendations ?? [])]) {
        expect(r.next_session).not.toBeNull()
        expect(r.why.length).toBeGreaterThan(1)
        expect(answer.reply).toContain(r.listing.title)
      }
    }
  })

  it('gives replies the grounding check passes (the check the LLM engine’s answers must pass too)', () => {
    const problems = answers.flatMap(({ answer }) => {
      const recommendations = [...answer.recommendations, ...(answer.relaxation?.recommendations ?? [])]
      const query = { ...answer.understanding, area: null, city_source: null, time_window: null, day_label: null }
      return ungroundedClaims(answer.reply, { recommendations, seen: [], query }).map((p) => `${answer.reply.split('\n')[0]}: ${p}`)
    })
    expect(problems).toEqual([])
  })
})
