// Real parallel HTTP against a listening server on PostgreSQL: seats never oversell, whatever the interleaving.
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { queryRow } from '../../db/query.js'
import { children, sessions, users } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

describe.runIf(usingPostgres())('booking under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

  async function post(url: string, headers: Record<string, string>, body: object) {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as { code?: string; booking?: { id: string }; id?: string } }
  }

  async function parents(n: number) {
    const made = await db.insert(users).values(Array.from({ length: n }, (_, i) => ({ name: `Parent ${i}`, role: 'customer' as const }))).returning({ id: users.id })
    const kids = await db.insert(children).values(made.map((u) => ({ user_id: u.id, name: 'Kid', date_of_birth: '2018-06-15' }))).returning({ id: children.id, user_id: children.user_id })
    return Promise.all(kids.map(async (k) => ({ child: k.id, headers: await authHeader({ id: k.user_id, role: 'customer' }, ctx.clock) })))
  }

  async function assertSeatsMatchBookings(sessionId: string) {
    const row = await queryRow<{ seats_taken: number; held: number; rows: number }>(
      db,
      sql`select s.seats_taken, coalesce(sum(bs.seats), 0)::int as held, count(bs.id)::int as rows
          from sessions s left join booking_sessions bs on bs.session_id = s.id and bs.status <> 'released'
          where s.id = ${sessionId}::uuid group by s.id`,
    )
    expect(row!.seats_taken).toBe(row!.held)
    return row!
  }

  it('200 parallel bookings for a 10-seat session: exactly 10 × 201, 190 × 409 SESSION_FULL, no 5xx', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 10 })
    const crowd = await parents(200)
    const answers = await Promise.all(
      crowd.map((p) =>
        post('/api/bookings', { ...p.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [p.child] }),
      ),
    )
    const count = (pred: (a: (typeof answers)[number]) => boolean) => answers.filter(pred).length
    expect(count((a) => a.status === 201)).toBe(10)
    expect(count((a) => a.status === 409 && a.body.code === 'SESSION_FULL')).toBe(190)
    expect(count((a) => a.status >= 500)).toBe(0)
    const [row] = await db.select().from(sessions).where(eq(sessions.id, session.id))
    expect(row!.seats_taken).toBe(10)
    expect((await assertSeatsMatchBookings(session.id)).rows).toBe(10)
  })


  it('one child booked into one session by parallel requests with different keys: one 201, the rest 409 CHILD_ALREADY_BOOKED', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 50 })
    const [parent] = await parents(1)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('/api/bookings', { ...parent!.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [parent!.child] }),
      ),
    )
    expect(answers.filter((a) => a.status === 201).length, JSON.stringify(answers.map((a) => [a.status, a.body.code]))).toBe(1)
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'CHILD_ALREADY_BOOKED').length).toBe(19)
    expect((await assertSeatsMatchBookings(session.id)).rows).toBe(1)
  })
  it('parallel retries with one Idempotency-Key make one booking and all get its answer', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const session = await createSession(db, listing.id, at(3 * DAY_MS))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const headers = { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() }
    const body = { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] }
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/api/bookings', headers, body)))
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_KEY_IN_USE'))).toBe(true)
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.booking!.id)).size).toBe(1)
    expect((await assertSeatsMatchBookings(session.id)).rows).toBe(1)
  })

  it('parallel reschedules into the last seat: exactly one wins, the others keep their seats', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const from = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 20 })
    const target = await createSession(db, listing.id, at(4 * DAY_MS), { capacity: 5, seats_taken: 4 })
    const crowd = await parents(12)
    const booked = await Promise.all(
      crowd.map(async (p) => {
        const res = await post('/api/bookings', { ...p.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: from.id, child_ids: [p.child] })
        return { ...p, booking: res.body.booking!.id }
      }),
    )
    const answers = await Promise.all(booked.map((b) => post(`/api/bookings/${b.booking}/reschedule`, b.headers, { session_id: target.id })))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'SESSION_FULL')).toHaveLength(11)
    const seats = async (id: string) => (await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, id)))[0]!.n
    expect(await seats(target.id)).toBe(5)
    expect(await seats(from.id)).toBe(11)
    await assertSeatsMatchBookings(from.id)
  })

  it('parallel cancels and bookings keep the count exact', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 5 })
    const first = await parents(5)
    const booked = await Promise.all(
      first.map(async (p) => ({
        ...p,
        booking: (await post('/api/bookings', { ...p.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [p.child] })).body.booking!.id,
      })),
    )
    const late = await parents(20)
    const answers = await Promise.all([
      ...booked.slice(0, 2).map((b) => post(`/api/bookings/${b.booking}/cancel`, b.headers, { reason: 'x' })),
      ...late.map((p) => post('/api/bookings', { ...p.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [p.child] })),
    ])
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(0)
    expect(answers.slice(0, 2).map((a) => [a.status, a.body.code])).toEqual([[200, undefined], [200, undefined]])
    const won = answers.slice(2).filter((a) => a.status === 201).length
    expect(won).toBeLessThanOrEqual(2)
    const row = await assertSeatsMatchBookings(session.id)
    expect(row.seats_taken).toBe(3 + won)
  })
})
