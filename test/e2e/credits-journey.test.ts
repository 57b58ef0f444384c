// Credits through the HTTP API alone: an admin sets up a plan, a parent buys it, books with credits, cancels and gets them
// back, watches the rest expire, and an admin adjusts the balance; the ledger adds up at every step.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../build-test-app.js'
import { createListing, createPlanOption, createSession } from '../factories.js'
import { DAY_MS } from '../../src/shared/clock.js'
import { apiClient, type Json } from './api-client.js'

const ctx = await buildTestApp({ env: { APP_ENV: 'dev', PAYMENTS_MODE: 'mock' } })

interface Entry {
  entry_type: string
  delta: number
  balance_after: number
}

const { call, signIn } = apiClient(ctx.app)

describe('a parent’s credits, from purchase to expiry', () => {
  it('works end to end through the API and the ledger always adds up', async () => {
    let admin = await signIn('admin@rrray.test')
    const plan = await call('POST', '/api/admin/credit-plans', admin, { name: 'Monthly 10', credits: 10, bonus_credits: 2, price: 99_900, validity_days: 30 })
    const listed = await call('GET', '/api/credit-plans')
    expect((listed.items as Json[]).map((p) => p.id)).toContain(plan.id)

    let parent = await signIn('9876501234', { name: 'Meera Iyer' })
    const children = (await call('POST', '/api/auth/add-child', parent, { name: 'Kabir', date_of_birth: '2018-05-01' })) as unknown as Json[]
    const childId = children[0]!.id
    const ledgerAddsUp = async () => {
      const wallet = await call('GET', '/api/wallet', parent)
      const ledger = await call('GET', '/api/credit-ledger?page_size=100', parent)
      const entries = ledger.items as Entry[]
      expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(wallet.balance)
      expect(entries[0]?.balance_after ?? 0).toBe(wallet.balance)
      return { wallet, entries }
    }

    const bought = await call('POST', '/api/subscribe-plan', parent, { plan_id: plan.id }, { 'idempotency-key': randomUUID() })
    expect(bought.wallet).toMatchObject({ balance: 12 })
    expect((await ledgerAddsUp()).wallet).toMatchObject({ balance: 12, active_plan: { plan_id: plan.id } })

    const listing = await createListing(ctx.database.db, { age_min: 4, age_max: 12 })
    const option = await createPlanOption(ctx.database.db, listing.id, { kind: 'single', price: 80_000, credits_price: 4 })
    const session = await createSession(ctx.database.db, listing.id, new Date(ctx.clock.now().getTime() + 5 * DAY_MS))
    const booked = await call('POST', '/api/bookings', parent, { listing_id: listing.id, plan_option_id: option.id, session_id: session.id, child_ids: [childId], payment_method: 'credits' }, { 'idempotency-key': randomUUID() })
    const booking = booked.booking as Json
    expect(booking).toMatchObject({ status: 'confirmed', payment_method: 'credits', credits_amount: 4 })
    expect((await ledgerAddsUp()).wallet.balance).toBe(8)

    const cancelled = await call('POST', `/api/bookings/${booking.id}/cancel`, parent, { reason: 'Exams that week' })
    expect(cancelled).toMatchObject({ status: 'cancelled', credits_refunded: 4 })
    expect((await ledgerAddsUp()).wallet.balance).toBe(12)

    const target = (await call('GET', '/api/auth/me', parent)).id
    await call('POST', `/api/admin/users/${target}/credits/adjust`, admin, { delta: 3, reason: 'Sorry for the rained-out class', validity_days: 60 })
    expect((await ledgerAddsUp()).wallet.balance).toBe(15)

    ctx.clock.advance(31 * DAY_MS)
    // a month later the sign-in tokens have expired too (JWT_EXPIRY_HOURS 720): both sign in again
    parent = await signIn('9876501234')
    admin = await signIn('admin@rrray.test')
    const { wallet, entries } = await ledgerAddsUp()
    expect(wallet.balance).toBe(3) // the plan's 12 expired; the adjustment's 3 last 60 days
    expect(entries.map((e) => e.entry_type)).toEqual(['expire', 'adjust', 'refund', 'spend', 'grant'])
    const adminView = await call('GET', `/api/admin/users/${target}/credit-ledger`, admin)
    expect((adminView.items as Entry[]).map((e) => e.entry_type)).toEqual(['expire', 'adjust', 'refund', 'spend', 'grant'])
  })
})
