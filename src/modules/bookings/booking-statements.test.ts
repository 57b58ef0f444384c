// How many statements POST /api/bookings sends: each is a round trip to the database, and the number is what bounds a
// booking's throughput (issue 14). Pinned here so it cannot silently grow back; BEGIN and COMMIT are not counted
// (PGlite's driver sends them outside Drizzle's logger).
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { createTestDatabase } from '../../../test/test-database.js'
import { sql } from 'drizzle-orm'
import { preparedStatementTexts, queryRows } from '../../db/query.js'
import { DAY_MS } from '../../shared/clock.js'
import { EVALUATE_BADGES_JOB } from '../badges/index.js'
import { DISPATCH_JOB } from '../notifications/index.js'

const statements: string[] = []
let recording = false
const database = await createTestDatabase({ logger: { logQuery: (query) => void (recording && !/^\s*(begin|commit|rollback)\b/i.test(query) && statements.push(query)) } })
const ctx = await buildTestApp({ database })
afterAll(() => database.close())
const { db } = database

async function scene() {
  const listing = await createListing(db)
  const plan = await createPlanOption(db, listing.id, { price: 99_900, credits_price: 2 })
  const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS), { capacity: 10 })
  const parent = await createUser(db)
  const child = await createChild(db, parent.id)
  return { listing, plan, session, parent, child }
}

/** Books once and returns the statements the request sent. */
async function countBooking(s: Awaited<ReturnType<typeof scene>>, extra: Record<string, unknown> = {}) {
  const headers = { ...(await authHeader(s.parent, ctx.clock)), 'idempotency-key': randomUUID() }
  const payload = { listing_id: s.listing.id, plan_option_id: s.plan.id, session_id: s.session.id, child_ids: [s.child.id], ...extra }
  statements.length = 0
  recording = true
  const res = await ctx.app.inject({ method: 'POST', url: '/api/bookings', headers, payload })
  recording = false
  expect(res.statusCode, res.body).toBe(201)
  return [...statements]
}

describe('POST /api/bookings round trips', () => {
  // before issue 14: 22 statements for mock money, 23 for credits (plus BEGIN and COMMIT)
  it('a mock-money booking of one session sends 3: the token’s account check, then 2 in its transaction', async () => {
    const s = await scene()
    await countBooking(s) // the partner's first invoice creates its series; the count is of a booking after that
    const again = { ...s, child: await createChild(db, s.parent.id) }
    const sent = await countBooking(again)
    // claim + reads, then seat + booking + invoice + the confirmation's jobs + key
    expect(sent.length, sent.join('\n---\n')).toBe(3)
    // the seat, the booking, its seat row, the invoice's number, the notification's and badge evaluation's outbox rows and
    // the key's answer are the transaction's last statement
    expect(sent.at(-1)).toMatch(/update sessions set seats_taken[\s\S]*insert into invoice_series[\s\S]*insert into job_outbox[\s\S]*update idempotency_keys/)
  })

  it('a credits booking of one session sends 5: the account check, then 4 in its transaction (the wallet’s lock and spend last)', async () => {
    const s = await scene()
    await giveCredits(db, s.parent.id, 10, new Date(ctx.clock.now().getTime() + 30 * DAY_MS), { now: ctx.clock.now() })
    const sent = await countBooking(s, { payment_method: 'credits' })
    expect(sent.length, sent.join('\n---\n')).toBe(5)
    expect(sent.at(-2)).toMatch(/from wallets where user_id = \$\d+::uuid for update/)
  })

  it('sends the same statement texts whatever the booking’s values, so each is prepared once per connection', async () => {
    // two customers, listings, prices, sessions and numbers of children: only the values differ
    const a = await scene()
    await countBooking(a)
    const sentA = await countBooking({ ...a, child: await createChild(db, a.parent.id) })
    const listing = await createListing(db)
    const b = {
      listing,
      plan: await createPlanOption(db, listing.id, { price: 45_000, credits_price: 1 }),
      session: await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 9 * DAY_MS), { capacity: 4 }),
      parent: await createUser(db),
    }
    const child = await createChild(db, b.parent.id)
    await countBooking({ ...b, child })
    const second = await createChild(db, b.parent.id)
    const third = await createChild(db, b.parent.id)
    const sentB = await countBooking({ ...b, child: second }, { child_ids: [second.id, third.id] })
    expect(sentB).toEqual(sentA)
    // the transaction's two statements are the named ones (the account check is named by its builder)
    const prepared = preparedStatementTexts()
    expect(prepared).toEqual(expect.arrayContaining(sentA.slice(1)))
  })

  it('writes the confirmation’s notification and badge evaluation as outbox rows, one pg-boss job each once relayed', async () => {
    const s = await scene()
    await countBooking(s)
    const ofParent = async (table: 'job_outbox' | 'pgboss.job') =>
      (await queryRows<{ queue: string; n: number }>(
        db,
        table === 'job_outbox'
          ? sql`select queue, count(*)::int as n from job_outbox where data->>'user_id' = ${s.parent.id} group by queue order by queue`
          : sql`select name as queue, count(*)::int as n from pgboss.job where data->>'user_id' = ${s.parent.id} group by name order by name`,
      )).map((r) => [r.queue, Number(r.n)])
    const both = [[EVALUATE_BADGES_JOB, 1], [DISPATCH_JOB, 1]] // by queue name
    expect(await ofParent('job_outbox')).toEqual(both)
    expect(await ofParent('pgboss.job')).toEqual([])
    while ((await ctx.jobs.relay()) > 0);
    expect(await ofParent('job_outbox')).toEqual([])
    expect(await ofParent('pgboss.job')).toEqual(both)
  })
})
