// Real parallel bookings against a listening server on PostgreSQL: every paid booking gets its own consecutive number.
import { randomUUID } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createPlanOption, createSession } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { children, invoices, users } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

describe.runIf(usingPostgres())('invoice numbers under concurrency (PostgreSQL)', async () => {
  const ctx = await buildTestApp()
  const { db } = ctx.database
  const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })

  it('100 parallel mock bookings of one partner (different sessions and parents) → 100 distinct consecutive invoice numbers', async () => {
    const partner = await createPartner(db, { state: 'Karnataka', gstin: '29ABCDE1234F1Z5' })
    const listing = await createListing(db, { partner_id: partner.id, venue: { state: 'Karnataka' } })
    const plan = await createPlanOption(db, listing.id, { price: 118_000 })
    const sessionsMade = await Promise.all(Array.from({ length: 10 }, (_, i) => createSession(db, listing.id, new Date(ctx.clock.now().getTime() + (3 + i) * DAY_MS), { capacity: 20 })))
    const parents = await db.insert(users).values(Array.from({ length: 100 }, (_, i) => ({ name: `Parent ${i}`, role: 'customer' as const }))).returning({ id: users.id })
    const kids = await db.insert(children).values(parents.map((p) => ({ user_id: p.id, name: 'Kid', date_of_birth: '2018-06-15' }))).returning({ id: children.id, user_id: children.user_id })

    const answers = await Promise.all(
      kids.map(async (kid, i) => {
        const res = await fetch(`${base}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...(await authHeader({ id: kid.user_id, role: 'customer' }, ctx.clock)) },
          body: JSON.stringify({ listing_id: listing.id, plan_option_id: plan.id, session_id: sessionsMade[i % 10]!.id, child_ids: [kid.id] }),
        })
        return { status: res.status, body: (await res.json()) as { booking?: { id: string } } }
      }),
    )
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([])
    const bookingIds = answers.map((a) => a.body.booking!.id)
    const rows = await db.select().from(invoices).where(inArray(invoices.booking_id, bookingIds))
    expect(rows).toHaveLength(100)
    expect(rows.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(new Set(rows.map((r) => r.invoice_number)).size).toBe(100)
    expect(new Set(rows.map((r) => r.series)).size).toBe(1)
    expect(await db.select().from(invoices).where(eq(invoices.partner_id, partner.id))).toHaveLength(100)
  })
})
