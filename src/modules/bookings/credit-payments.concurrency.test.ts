// Real parallel HTTP against a listening server on PostgreSQL: one wallet never pays twice with the same credits.
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser, giveCredits } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { queryRow } from '../../db/query.js'
import { bookings, wallets } from '../../db/schema/index.js'
import { DAY_MS, HOUR_MS } from '../../shared/clock.js'

describe.runIf(usingPostgres())('paying with credits under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

  async function post(url: string, headers: Record<string, string>, body: object) {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as { code?: string; booking?: { id: string } } }
  }

  /** One parent, one child, `n` sessions of a listing whose single plan costs one credit. */
  async function scene(n: number) {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: 50_000, credits_price: 1 })
    const sessionIds: string[] = []
    for (let i = 0; i < n; i++) sessionIds.push((await createSession(db, listing.id, at(3 * DAY_MS + i * HOUR_MS), { capacity: 5 })).id)
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const headers = await authHeader(parent, ctx.clock)
    const book = (sessionId: string) =>
      post('/api/bookings', { ...headers, 'idempotency-key': randomUUID() }, { listing_id: listing.id, plan_option_id: plan.id, session_id: sessionId, child_ids: [child.id], payment_method: 'credits' })
    return { parent, headers, sessionIds, book }
  }

  async function ledgerState(userId: string) {
    const row = await queryRow<{ total: number; lowest: number; entries: number; seats: number }>(
      db,
      sql`select coalesce(sum(delta), 0)::int as total, coalesce(min(balance_after), 0)::int as lowest, count(*)::int as entries,
                 (select coalesce(sum(s.seats_taken), 0)::int from sessions s join bookings b on b.session_id = s.id where b.user_id = ${userId}::uuid) as seats
          from credit_ledger where user_id = ${userId}::uuid`,
    )
    const [wallet] = await db.select().from(wallets).where(eq(wallets.user_id, userId))
    return { ...row!, balance: wallet!.balance }
  }

  it('50 parallel credit bookings from a wallet holding 10 credits: exactly 10 confirmed, balance 0, never negative', async () => {
    const s = await scene(50)
    await giveCredits(db, s.parent.id, 10, at(30 * DAY_MS), { now: ctx.clock.now() })
    const answers = await Promise.all(s.sessionIds.map((id) => s.book(id)))
    const count = (pred: (a: (typeof answers)[number]) => boolean) => answers.filter(pred).length
    expect(count((a) => a.status === 201)).toBe(10)
    expect(count((a) => a.status === 409 && a.body.code === 'INSUFFICIENT_CREDITS')).toBe(40)
    expect(count((a) => a.status >= 500)).toBe(0)
    const state = await ledgerState(s.parent.id)
    expect(state).toMatchObject({ balance: 0, total: 0, entries: 11, seats: 10 })
    expect(state.lowest).toBeGreaterThanOrEqual(0)
    expect(await db.select().from(bookings).where(eq(bookings.user_id, s.parent.id))).toHaveLength(10)
  })

  it('cancellations and new bookings racing on one wallet: every credit is either in the wallet or in one booking', async () => {
    const s = await scene(30)
    await giveCredits(db, s.parent.id, 10, at(30 * DAY_MS), { now: ctx.clock.now() })
    const first = await Promise.all(s.sessionIds.slice(0, 10).map((id) => s.book(id)))
    expect(first.every((a) => a.status === 201)).toBe(true)
    const cancels = first.slice(0, 5).map((a) => post(`/api/bookings/${a.body.booking!.id}/cancel`, s.headers, {}))
    const fresh = s.sessionIds.slice(10).map((id) => s.book(id))
    const answers = await Promise.all([...cancels, ...fresh])
    expect(answers.filter((a) => a.status >= 500)).toEqual([])
    expect(answers.slice(0, 5).every((a) => a.status === 200)).toBe(true)
    const state = await ledgerState(s.parent.id)
    expect(state.balance).toBe(state.total)
    expect(state.lowest).toBeGreaterThanOrEqual(0)
    const held = await queryRow<{ out: number }>(db, sql`select coalesce(sum(credits_amount - credits_refunded), 0)::int as out from bookings where user_id = ${s.parent.id}::uuid`)
    expect(state.balance + held!.out).toBe(10)
  })
})
