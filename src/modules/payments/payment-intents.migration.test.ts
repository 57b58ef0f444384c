// Migration 0015 turns the Razorpay orders already stored on bookings and credit purchases into payment intents, with the
// payment that paid each and what was refunded: a database at 0014 with such rows, then the rest of the migrations.
import { randomUUID } from 'node:crypto'
import { asc, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createListingAtMigration, databaseAtMigration } from '../../../test/database-at-migration.js'
import { createUser } from '../../../test/factories.js'
import { creditPlans, creditPurchases, paymentIntents } from '../../db/schema/index.js'

const { database, migrateRest } = await databaseAtMigration(14)

describe('migration 0015_payment_intents', () => {
  it('makes an intent of every stored order: unpaid, failed, paid, refunded, and a paid credit purchase', async () => {
    const { db } = database
    const at = new Date('2026-11-20T10:00:00Z')
    const listing = await createListingAtMigration(db)
    const parent = await createUser(db)
    // raw SQL: today's bookings table has columns (later migrations) that this database at 0014 does not have yet
    const [waiting, failed, paid, refunded, mock] = Array.from({ length: 5 }, () => ({ id: randomUUID() }))
    const row = (b: { id: string }, status: string, method: string, order: string | null, extra: { failedAt?: Date; paymentRef?: string; refund?: number } = {}) =>
      sql`(${b.id}::uuid, ${parent.id}::uuid, ${listing.id}::uuid, 49900, ${method}, ${status}, ${order}, ${extra.failedAt?.toISOString() ?? null}::timestamptz,
           ${extra.paymentRef ?? null}, ${extra.refund ?? 0}, ${extra.refund ? 'processed' : null}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)`
    await db.execute(sql`insert into bookings (id, user_id, listing_id, amount, payment_method, status, razorpay_order_id, payment_failed_at, payment_ref, refund_amount, refund_status, created_at, updated_at)
      values ${sql.join([
        row(waiting!, 'pending_payment', 'razorpay', 'order_mig_waiting'),
        row(failed!, 'pending_payment', 'razorpay', 'order_mig_failed', { failedAt: at }),
        row(paid!, 'confirmed', 'razorpay', 'order_mig_paid', { paymentRef: 'pay_mig_paid' }),
        row(refunded!, 'cancelled', 'razorpay', 'order_mig_refunded', { paymentRef: 'pay_mig_refunded', refund: 49_900 }),
        row(mock!, 'confirmed', 'mock', null),
      ], sql`, `)}`)
    const [plan] = await db.insert(creditPlans).values({ name: 'Migrated', credits: 10, bonus_credits: 0, price: 99_900, validity_days: 30 }).returning()
    const [purchase] = await db
      .insert(creditPurchases)
      .values({
        id: randomUUID(), user_id: parent.id, plan_id: plan!.id, plan_name: 'Migrated', status: 'paid', amount: 99_900, credits: 10, bonus_credits: 0, validity_days: 30,
        is_trial: false, payment_method: 'razorpay', razorpay_order_id: 'order_mig_purchase', payment_ref: 'pay_mig_purchase', paid_at: at, expires_at: at, created_at: at, updated_at: at,
      })
      .returning()

    await migrateRest()
    const intents = await db.select().from(paymentIntents).orderBy(asc(paymentIntents.razorpay_order_id))
    const common = { user_id: parent.id, currency: 'INR', created_at: at }
    expect(intents.map(({ id: _id, updated_at: _u, ...rest }) => rest)).toEqual([
      { ...common, subject_type: 'booking', subject_id: failed!.id, amount: 49_900, razorpay_order_id: 'order_mig_failed', razorpay_payment_id: null, status: 'failed', captured_amount: 0, refunded_amount: 0 },
      { ...common, subject_type: 'booking', subject_id: paid!.id, amount: 49_900, razorpay_order_id: 'order_mig_paid', razorpay_payment_id: 'pay_mig_paid', status: 'captured', captured_amount: 49_900, refunded_amount: 0 },
      {
        ...common, subject_type: 'credit_purchase', subject_id: purchase!.id, amount: 99_900, razorpay_order_id: 'order_mig_purchase', razorpay_payment_id: 'pay_mig_purchase',
        status: 'captured', captured_amount: 99_900, refunded_amount: 0,
      },
      { ...common, subject_type: 'booking', subject_id: refunded!.id, amount: 49_900, razorpay_order_id: 'order_mig_refunded', razorpay_payment_id: 'pay_mig_refunded', status: 'refunded', captured_amount: 49_900, refunded_amount: 49_900 },
      { ...common, subject_type: 'booking', subject_id: waiting!.id, amount: 49_900, razorpay_order_id: 'order_mig_waiting', razorpay_payment_id: null, status: 'created', captured_amount: 0, refunded_amount: 0 },
    ])
    expect(intents.some((i) => i.subject_id === mock!.id)).toBe(false)
  })
})
