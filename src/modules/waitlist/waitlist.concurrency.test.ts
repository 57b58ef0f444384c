// Real parallel HTTP against a listening server on PostgreSQL: freed seats are never held for two families at once and
// bookings plus offers never exceed a session's capacity, whatever the interleaving of cancellations, offers and answers.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPlanOption, createSession } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { queryRow } from '../../db/query.js'
import { children, users } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { OFFER_JOB } from './index.js'

describe.runIf(usingPostgres())('waitlist under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

  async function send(method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, body?: object) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> }
  }

  async function families(n: number) {
    const made = await db.insert(users).values(Array.from({ length: n }, (_, i) => ({ name: `Parent ${i}`, role: 'customer' as const }))).returning({ id: users.id })
    const kids = await db.insert(children).values(made.map((u) => ({ user_id: u.id, name: 'Kid', date_of_birth: '2018-06-15' }))).returning({ id: children.id, user_id: children.user_id })
    return Promise.all(kids.map(async (k) => ({ child: k.id, headers: await authHeader({ id: k.user_id, role: 'customer' }, ctx.clock) })))
  }

  /** seats_taken is exactly the seats of live bookings plus live offers, within capacity; no entry has two live offers. */
  async function assertInvariants(sessionId: string) {
    const row = await queryRow<{ capacity: number; seats_taken: number; booked: number; offered: number; offers: number; entries: number }>(
      db,
      sql`select s.capacity, s.seats_taken,
            (select coalesce(sum(bs.seats), 0)::int from booking_sessions bs where bs.session_id = s.id and bs.status <> 'released') as booked,
            (select coalesce(sum(o.seats), 0)::int from waitlist_offers o where o.session_id = s.id and o.status = 'active') as offered,
            (select count(*)::int from waitlist_offers o where o.session_id = s.id and o.status = 'active') as offers,
            (select count(distinct o.entry_id)::int from waitlist_offers o where o.session_id = s.id and o.status = 'active') as entries
          from sessions s where s.id = ${sessionId}::uuid`,
    )
    expect(row!.seats_taken).toBe(row!.booked + row!.offered)
    expect(row!.seats_taken).toBeLessThanOrEqual(row!.capacity)
    expect(row!.offers).toBe(row!.entries)
    return row!
  }

  async function offeredEntries(crowd: Awaited<ReturnType<typeof families>>) {
    const lists = await Promise.all(crowd.map((f) => send('GET', '/api/waitlist/my', f.headers)))
    return lists.flatMap((l, i) => {
      const items = l.body.items as Array<{ id: string; offer: unknown }>
      return items.filter((e) => e.offer !== null).map((e) => ({ family: crowd[i]!, entry_id: e.id }))
    })
  }

  it('parallel cancellations, offers, declines and accepts never hold one seat for two families nor exceed capacity', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id)
    const session = await createSession(db, listing.id, at(3 * DAY_MS), { capacity: 5 })
    const bookers = await families(5)
    const bookingIds: string[] = []
    for (const b of bookers) {
      const res = await send('POST', '/api/bookings', { ...b.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [b.child] })
      expect(res.status).toBe(201)
      bookingIds.push((res.body.booking as { id: string }).id)
    }

    // 20 families join at once, one of them five times: 20 entries with 20 distinct places
    const line = await families(20)
    const joiners = [...line, line[0]!, line[0]!, line[0]!, line[0]!]
    const joins = await Promise.all(joiners.map((f) => send('POST', `/api/sessions/${session.id}/waitlist`, f.headers, { child_ids: [f.child] })))
    const place = new Map(joins.flatMap((j, i) => (j.status === 201 ? [[joiners[i]!, j.body.position as number] as const] : [])))
    const inLine = [...line].sort((a, b) => place.get(a)! - place.get(b)!)
    const byPlace = (fs: typeof line) => [...fs].sort((a, b) => place.get(a)! - place.get(b)!)
    expect(joins.filter((j) => j.status === 201)).toHaveLength(20)
    expect(joins.filter((j) => j.status === 409 && j.body.code === 'ALREADY_WAITLISTED')).toHaveLength(4)
    expect(new Set(joins.filter((j) => j.status === 201).map((j) => j.body.position)).size).toBe(20)

    // every booking is cancelled at once; offers run in parallel drains (and the same session's offer job more than once)
    const cancels = await Promise.all(bookers.map((b, i) => send('POST', `/api/bookings/${bookingIds[i]}/cancel`, b.headers, { reason: 'Plans changed' })))
    expect(cancels.every((c) => c.status === 200)).toBe(true)
    await Promise.all([ctx.jobs.send(OFFER_JOB, { session_id: session.id }), ctx.jobs.send(OFFER_JOB, { session_id: session.id })])
    await Promise.all(Array.from({ length: 4 }, () => ctx.jobs.drain(OFFER_JOB)))
    expect(await assertInvariants(session.id)).toMatchObject({ seats_taken: 5, booked: 0, offered: 5, offers: 5 })
    const firstOffers = await offeredEntries(line)
    expect(byPlace(firstOffers.map((o) => o.family))).toEqual(inLine.slice(0, 5))

    // the five decline at once while outsiders try to book: the seats pass to the next five, nobody else gets them
    const outsiders = await families(10)
    const [declines, grabs] = await Promise.all([
      Promise.all(firstOffers.map((o) => send('POST', `/api/waitlist/${o.entry_id}/decline`, o.family.headers))),
      Promise.all(outsiders.map((o) => send('POST', '/api/bookings', { ...o.headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [o.child] }))),
    ])
    expect(declines.every((d) => d.status === 204)).toBe(true)
    expect(grabs.every((g) => g.status === 409)).toBe(true)
    await assertInvariants(session.id)
    const secondOffers = await offeredEntries(line)
    expect(byPlace(secondOffers.map((o) => o.family))).toEqual(inLine.slice(5, 10))

    // the next five accept at once (each twice): five bookings, the seats move from offers to bookings
    const accepts = await Promise.all(
      [...secondOffers, ...secondOffers].map((o) => send('POST', `/api/waitlist/${o.entry_id}/accept`, o.family.headers, { plan_option_id: plan.id })),
    )
    expect(accepts.filter((a) => a.status === 201)).toHaveLength(5)
    expect(accepts.filter((a) => a.status === 409)).toHaveLength(5)
    expect(accepts.filter((a) => a.status >= 500)).toHaveLength(0)
    expect(await assertInvariants(session.id)).toMatchObject({ seats_taken: 5, booked: 5, offered: 0 })
  })
})
