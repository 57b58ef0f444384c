// Credits through the HTTP API alone: an admin sets up a plan, a parent buys it, books with credits, cancels and gets them
// back, watches the rest expire, and an admin adjusts the balance; the ledger adds up at every step.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../build-test-app.js'
import { createListing, createPlanOption, createSession } from '../factories.js'
import { DAY_MS } from '../../src/shared/clock.js'
import { apiClient, ok } from './api-client.js'

const ctx = await buildTestApp({ env: { APP_ENV: 'dev', PAYMENTS_MODE: 'mock' } })

const { api, signIn, auth } = apiClient(ctx.app)

describe('a parent’s credits, from purchase to expiry', () => {
  it('works end to end through the API and the ledger always adds up', async () => {
    let admin = await signIn('admin@rrray.test')
    const plan = await ok(api.POST('/api/admin/credit-plans', { headers: auth(admin), body: { name: 'Monthly 10', credits: 10, bonus_credits: 2, price: 99_900, validity_days: 30 } }))
    const listed = await ok(api.GET('/api/credit-plans'))
    expect(listed.items.map((p) => p.id)).toContain(plan.id)

    let parent = await signIn('9876501234', { name: 'Meera Iyer' })
    const children = await ok(api.POST('/api/auth/add-child', { headers: auth(parent), body: { name: 'Kabir', date_of_birth: '2018-05-01' } }))
    const childId = children[0]!.id
    const ledgerAddsUp = async () => {
      const wallet = await ok(api.GET('/api/wallet', { headers: auth(parent) }))
      const ledger = await ok(api.GET('/api/credit-ledger', { headers: auth(parent), params: { query: { page: 1, page_size: 100 } } }))
      const entries = ledger.items
      expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(wallet.balance)
      expect(entries[0]?.balance_after ?? 0).toBe(wallet.balance)
      return { wallet, entries }
    }

    const bought = await ok(api.POST('/api/subscribe-plan', { headers: auth(parent), params: { header: { 'idempotency-key': randomUUID() } }, body: { plan_id: plan.id } }))
    expect(bought.wallet).toMatchObject({ balance: 12 })
    expect((await ledgerAddsUp()).wallet).toMatchObject({ balance: 12, active_plan: { plan_id: plan.id } })

    const listing = await createListing(ctx.database.db, { age_min: 4, age_max: 12 })
    const option = await createPlanOption(ctx.database.db, listing.id, { kind: 'single', price: 80_000, credits_price: 4 })
    const session = await createSession(ctx.database.db, listing.id, new Date(ctx.clock.now().getTime() + 5 * DAY_MS))
    const booked = await ok(api.POST('/api/bookings', {
      headers: auth(parent),
      params: { header: { 'idempotency-key': randomUUID() } },
      body: { listing_id: listing.id, plan_option_id: option.id, session_id: session.id, child_ids: [childId], payment_method: 'credits' },
    }))
    const booking = booked.booking
    expect(booking).toMatchObject({ status: 'confirmed', payment_method: 'credits', credits_amount: 4 })
    expect((await ledgerAddsUp()).wallet.balance).toBe(8)

    const cancelled = await ok(api.POST('/api/bookings/{id}/cancel', { headers: auth(parent), params: { path: { id: booking.id } }, body: { reason: 'Exams that week' } }))
    expect(cancelled).toMatchObject({ status: 'cancelled', credits_refunded: 4 })
    expect((await ledgerAddsUp()).wallet.balance).toBe(12)

    const target = (await ok(api.GET('/api/auth/me', { headers: auth(parent) }))).id
    await ok(api.POST('/api/admin/users/{id}/credits/adjust', { headers: auth(admin), params: { path: { id: target } }, body: { delta: 3, reason: 'Sorry for the rained-out class', validity_days: 60 } }))
    expect((await ledgerAddsUp()).wallet.balance).toBe(15)

    ctx.clock.advance(31 * DAY_MS)
    // a month later the sign-in tokens have expired too (JWT_EXPIRY_HOURS 720): both sign in again
    parent = await signIn('9876501234')
    admin = await signIn('admin@rrray.test')
    const { wallet, entries } = await ledgerAddsUp()
    expect(wallet.balance).toBe(3) // the plan's 12 expired; the adjustment's 3 last 60 days
    expect(entries.map((e) => e.entry_type)).toEqual(['expire', 'adjust', 'refund', 'spend', 'grant'])
    const adminView = await ok(api.GET('/api/admin/users/{id}/credit-ledger', { headers: auth(admin), params: { path: { id: target } } }))
    expect(adminView.items.map((e) => e.entry_type)).toEqual(['expire', 'adjust', 'refund', 'spend', 'grant'])
  })
})
