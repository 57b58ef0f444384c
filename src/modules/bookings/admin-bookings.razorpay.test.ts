// An admin cancel of a Razorpay-paid booking: the chosen amount goes back through checkout's refund path to the (fake)
// gateway, once, and the booking's detail shows the payment intent with that refund.
import { createHmac, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { razorpayTestEnv, startFakeRazorpay } from '../../../test/fakes/razorpay-server.js'
import { auditLogs } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

const razorpay = await startFakeRazorpay()
afterAll(() => razorpay.close())
const ctx = await buildTestApp({ env: razorpayTestEnv(razorpay, 'whsec_admin_bookings_0123456789') })
const { db } = ctx.database
const PRICE = 149_900

describe('POST /api/admin/bookings/:id/cancel of a Razorpay-paid booking', () => {
  it('refunds the chosen amount through Razorpay once, and the detail shows the payment and its refund', async () => {
    const admin = await createUser(db, { role: 'admin' })
    const listing = await createListing(db)
    const plan = await createPlanOption(db, listing.id, { kind: 'single', price: PRICE })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 3 * DAY_MS))
    const parent = await createUser(db)
    const child = await createChild(db, parent.id)
    const created = await ctx.app.inject({
      method: 'POST', url: '/api/bookings', headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: [child.id] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const { booking, payment } = created.json() as { booking: { id: string }; payment: { razorpay_order_id: string } }
    const paid = razorpay.markOrderPaid(payment.razorpay_order_id)
    const signature = createHmac('sha256', razorpay.keySecret).update(`${payment.razorpay_order_id}|${paid.id}`).digest('hex')
    const verified = await ctx.app.inject({
      method: 'POST', url: '/api/payments/razorpay/verify', headers: await authHeader(parent, ctx.clock),
      payload: { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, razorpay_signature: signature },
    })
    expect(verified.statusCode, verified.body).toBe(200)

    const cancel = (refund_amount: number) =>
      authHeader(admin, ctx.clock).then((headers) =>
        ctx.app.inject({ method: 'POST', url: `/api/admin/bookings/${booking.id}/cancel`, headers, payload: { reason: 'Coach unavailable', refund_amount } }),
      )
    expect((await cancel(PRICE + 1)).statusCode).toBe(422)
    expect(razorpay.requests.filter((r) => r.path === `/v1/payments/${paid.id}/refund`)).toEqual([])

    const res = await cancel(60_000)
    expect(res.statusCode, res.body).toBe(200)
    const refunds = [...razorpay.refunds.values()].filter((r) => r.payment_id === paid.id)
    expect(refunds).toHaveLength(1)
    expect(refunds[0]).toMatchObject({ amount: 60_000, notes: { booking_id: booking.id } })
    expect(razorpay.requests.find((r) => r.path === `/v1/payments/${paid.id}/refund`)?.idempotencyKey).toBe(`refund-${booking.id}-60000`)
    expect(res.json()).toMatchObject({
      booking: { status: 'cancelled', refund_amount: 60_000, refund_status: 'processed' },
      payment_ref: paid.id,
      refund_ref: refunds[0]!.id,
      payments: [{ razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: paid.id, status: 'captured', captured_amount: PRICE, refunded_amount: 60_000, refunds: [{ refund_id: refunds[0]!.id, amount: 60_000, status: 'processed' }] }],
    })
    expect((res.json().history as Array<{ event: string; actor: string }>).map((e) => `${e.event}:${e.actor}`)).toEqual([
      'created:customer', 'confirmed:customer', 'cancelled:admin', 'refund_requested:admin', 'refund_settled:system',
    ])
    expect(await db.select().from(auditLogs).where(eq(auditLogs.target_id, booking.id))).toHaveLength(1)
    // a second cancel refunds nothing more
    expect((await cancel(0)).statusCode).toBe(409)
    expect([...razorpay.refunds.values()].filter((r) => r.payment_id === paid.id)).toHaveLength(1)
  })
})
