// PAYMENTS_MODE=test: accepting an offer holds the seats as a pending booking and answers with its Razorpay order, which
// is created after the waitlist's transaction commits (the same Idempotency-Key replayed through the full service).
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { startFakeRazorpay } from '../../../test/fakes/razorpay-server.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { sessions } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { OFFER_JOB } from './index.js'

const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({
  env: {
    PAYMENTS_MODE: 'test', RAZORPAY_KEY_ID: razorpay.keyId, RAZORPAY_KEY_SECRET: razorpay.keySecret,
    RAZORPAY_WEBHOOK_SECRET: 'whsec_waitlist_test_0123456789', RAZORPAY_API_BASE: razorpay.baseUrl,
  },
})
const { db } = ctx.database

describe('accepting an offer with Razorpay payments', () => {
  it('books the held seat as pending_payment with a Razorpay order; the seat stays taken', async () => {
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { price: 49_900 })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS), { capacity: 1 })
    const holder = await createUser(db)
    const holderChild = await createChild(db, holder.id)
    const held = await ctx.app.inject({
      method: 'POST', url: '/api/bookings', headers: { ...(await authHeader(holder, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [holderChild.id] },
    })
    expect(held.statusCode, held.body).toBe(201)

    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const headers = await authHeader(parent, ctx.clock)
    const joined = await ctx.app.inject({ method: 'POST', url: `/api/sessions/${session.id}/waitlist`, headers, payload: { child_ids: [child.id] } })
    expect(joined.statusCode, joined.body).toBe(201)
    const cancelled = await ctx.app.inject({
      method: 'POST', url: `/api/bookings/${held.json().booking.id}/cancel`, headers: await authHeader(holder, ctx.clock), payload: { reason: 'No longer needed' },
    })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    await ctx.jobs.drain(OFFER_JOB)

    const res = await ctx.app.inject({ method: 'POST', url: `/api/waitlist/${joined.json().id}/accept`, headers, payload: { plan_option_id: plan.id } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().booking).toMatchObject({ status: 'pending_payment', amount: 49_900, child_ids: [child.id] })
    expect(res.json().payment).toMatchObject({ amount: 49_900, currency: 'INR', key_id: razorpay.keyId })
    expect(res.json().payment.razorpay_order_id).toMatch(/^order_/)
    const [row] = await db.select({ n: sessions.seats_taken }).from(sessions).where(eq(sessions.id, session.id))
    expect(row!.n).toBe(1)
  })
})
