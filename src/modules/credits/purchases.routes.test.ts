// POST /api/subscribe-plan with PAYMENTS_MODE=mock: one grant of plan + bonus credits, the platform's invoice, idempotency,
// rollover of unused paid-plan credits (capped; never trial credits; off at 0 %) and who may buy.
import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../../../test/build-test-app.js'
import { authHeader, createChild, createListing, createPlanOption, createSession, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { creditLedger, creditLots, creditPlans, creditPurchases, invoices } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'

const GSTIN = '29ABCDE1234F1Z5'
const ctx = await buildTestApp({ env: { PAYMENTS_MODE: 'mock', PLATFORM_GSTIN: GSTIN, PLATFORM_STATE: 'Karnataka', CREDIT_ROLLOVER_PERCENT: '50' } })
const plain = await buildTestApp({ env: { PAYMENTS_MODE: 'mock', CREDIT_ROLLOVER_PERCENT: '0' } })
const { db } = ctx.database

type Plan = typeof creditPlans.$inferInsert
async function createPlan(t: TestContext, overrides: Partial<Plan> = {}) {
  const [row] = await t.database.db
    .insert(creditPlans)
    .values({ name: `Family ${randomUUID().slice(0, 6)}`, credits: 25, bonus_credits: 3, price: 249_900, validity_days: 60, ...overrides })
    .returning()
  return row!
}

async function subscribe(t: TestContext, user: { id: string; role: 'customer' | 'partner' | 'admin' }, body: object, key: string | null = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/subscribe-plan',
    headers: { ...(await authHeader(user, t.clock)), ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: body,
  })
}

async function buy(t: TestContext, user: { id: string; role: 'customer' | 'partner' | 'admin' }, planId: string) {
  const res = await subscribe(t, user, { plan_id: planId })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { purchase: { id: string; status: string; expires_at: string }; wallet: { balance: number }; invoice_id: string | null; payment: null }
}

const entriesOf = (t: TestContext, userId: string) => t.database.db.select().from(creditLedger).where(eq(creditLedger.user_id, userId)).orderBy(asc(creditLedger.seq))
const lotsOf = (userId: string) => db.select().from(creditLots).where(eq(creditLots.user_id, userId)).orderBy(asc(creditLots.created_at), asc(creditLots.expires_at))
const purchasesOf = (t: TestContext, userId: string) => t.database.db.select().from(creditPurchases).where(eq(creditPurchases.user_id, userId))
const invoiceOf = async (t: TestContext, purchaseId: string) => (await t.database.db.select().from(invoices).where(eq(invoices.credit_purchase_id, purchaseId)))[0]

describe('POST /api/subscribe-plan (PAYMENTS_MODE=mock)', () => {
  it('grants the plan’s credits and bonus in one grant entry, records the purchase from the plan row and invoices it with CGST+SGST', async () => {
    const parent = await createUser(db, { name: 'Asha Rao' })
    const plan = await createPlan(ctx, { name: 'Family', credits: 25, bonus_credits: 3, price: 249_900, validity_days: 60 })
    const now = ctx.clock.now()
    const expiresAt = new Date(now.getTime() + 60 * DAY_MS).toISOString()
    // an amount or credits in the body are ignored: the plan row decides
    const res = await subscribe(ctx, parent, { plan_id: plan.id, amount: 1, credits: 999 })
    expect(res.statusCode, res.body).toBe(201)
    const answer = res.json()
    expect(answer).toEqual({
      purchase: {
        id: expect.any(String), plan_id: plan.id, plan_name: 'Family', status: 'paid', amount: 249_900, credits: 25, bonus_credits: 3, validity_days: 60,
        is_trial: false, payment_method: 'mock', razorpay_order_id: null, paid_at: now.toISOString(), expires_at: expiresAt, created_at: now.toISOString(),
      },
      wallet: { balance: 28 },
      invoice_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      payment: null,
    })
    const entries = await entriesOf(ctx, parent.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ entry_type: 'grant', delta: 28, balance_after: 28, purchase_id: answer.purchase.id, plan_id: plan.id, reason: 'Bought Family: 25 credits + 3 bonus' })
    expect(entries[0]!.expires_at?.toISOString()).toBe(expiresAt)
    expect(await lotsOf(parent.id)).toMatchObject([{ credits: 28, remaining: 28, rolls_over: true }])
    const [row] = await purchasesOf(ctx, parent.id)
    expect(row).toMatchObject({ status: 'paid', amount: 249_900, credits: 25, bonus_credits: 3, validity_days: 60, is_trial: false, payment_method: 'mock', payment_ref: null })

    const invoice = await invoiceOf(ctx, answer.purchase.id)
    expect(invoice).toMatchObject({
      id: answer.invoice_id, series: 'CR', booking_id: null, partner_id: null, user_id: parent.id, supplier_name: 'RRRAY Technologies Private Limited',
      supplier_gstin: GSTIN, supplier_state: 'Karnataka', place_of_supply_state: 'Karnataka', customer_name: 'Asha Rao', supply_type: 'intra_state',
      rate_percent: 18, taxable_value: 211_780, cgst: 19_060, sgst: 19_060, igst: 0, total: 249_900, quantity: 1, description: 'Credit plan: Family (25 credits + 3 bonus)',
    })
    expect(invoice!.invoice_number).toMatch(/^CR\/\d{2}-\d{2}\/\d{6}$/)
  })

  it('issues a bill of supply without GST when the platform has no GSTIN', async () => {
    const parent = await createUser(plain.database.db)
    const plan = await createPlan(plain, { price: 99_900, credits: 10, bonus_credits: 0 })
    const { purchase, invoice_id } = await buy(plain, parent, plan.id)
    expect(await invoiceOf(plain, purchase.id)).toMatchObject({
      id: invoice_id, supplier_gstin: null, supply_type: 'exempt', rate_percent: 0, taxable_value: 99_900, cgst: 0, sgst: 0, igst: 0, total: 99_900,
      description: 'Credit plan: ' + plan.name + ' (10 credits + 0 bonus)',
    })
  })

  it('confirms a free plan at once with no invoice', async () => {
    const parent = await createUser(db)
    const plan = await createPlan(ctx, { price: 0, credits: 5, bonus_credits: 0, is_trial: true })
    const answer = await buy(ctx, parent, plan.id)
    expect(answer).toMatchObject({ purchase: { status: 'paid', amount: 0, is_trial: true, payment_method: 'free' }, wallet: { balance: 5 }, invoice_id: null, payment: null })
    expect(await invoiceOf(ctx, answer.purchase.id)).toBeUndefined()
  })

  it('sells a trial plan once per parent: a second trial (of any trial plan) is 409 TRIAL_PLAN_ALREADY_BOUGHT and grants nothing', async () => {
    const parent = await createUser(db)
    const trial = await createPlan(ctx, { credits: 3, bonus_credits: 0, price: 4_900, is_trial: true })
    const otherTrial = await createPlan(ctx, { credits: 2, bonus_credits: 0, price: 1_900, is_trial: true })
    await buy(ctx, parent, trial.id)
    for (const planId of [trial.id, otherTrial.id]) {
      const again = await subscribe(ctx, parent, { plan_id: planId })
      expect(again.statusCode).toBe(409)
      expect(again.json()).toMatchObject({ code: 'TRIAL_PLAN_ALREADY_BOUGHT' })
    }
    expect(await purchasesOf(ctx, parent.id)).toHaveLength(1)
    expect((await entriesOf(ctx, parent.id)).map((e) => e.delta)).toEqual([3])
  })

  it('replays the same key and body with the identical answer and one grant; another body with the key is 409; no key is 422', async () => {
    const parent = await createUser(db)
    const plan = await createPlan(ctx)
    const other = await createPlan(ctx)
    const key = randomUUID()
    const first = await subscribe(ctx, parent, { plan_id: plan.id }, key)
    expect(first.statusCode).toBe(201)
    ctx.clock.advance(60_000)
    const again = await subscribe(ctx, parent, { plan_id: plan.id }, key)
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(first.json())
    const reused = await subscribe(ctx, parent, { plan_id: other.id }, key)
    expect(reused.statusCode).toBe(409)
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED')
    const missing = await subscribe(ctx, parent, { plan_id: plan.id }, null)
    expect(missing.statusCode).toBe(422)
    expect(missing.json().detail[0].loc).toEqual(['header', 'idempotency-key'])
    expect(await purchasesOf(ctx, parent.id)).toHaveLength(1)
    expect((await entriesOf(ctx, parent.id)).map((e) => e.entry_type)).toEqual(['grant'])
  })

  it('answers 404 CREDIT_PLAN_NOT_FOUND for an unknown or inactive plan, 422 for a malformed id, 401 without a token, 403 for partners and admins', async () => {
    const parent = await createUser(db)
    const inactive = await createPlan(ctx, { active: false })
    for (const planId of [randomUUID(), inactive.id]) {
      const res = await subscribe(ctx, parent, { plan_id: planId })
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('CREDIT_PLAN_NOT_FOUND')
    }
    expect((await subscribe(ctx, parent, { plan_id: 'not-a-uuid' })).statusCode).toBe(422)
    expect((await subscribe(ctx, parent, {})).statusCode).toBe(422)
    const plan = await createPlan(ctx)
    const noToken = await ctx.app.inject({ method: 'POST', url: '/api/subscribe-plan', headers: { 'idempotency-key': randomUUID() }, payload: { plan_id: plan.id } })
    expect(noToken.statusCode).toBe(401)
    for (const role of ['partner', 'admin'] as const) {
      const user = await createUser(db, { role })
      expect((await subscribe(ctx, user, { plan_id: plan.id })).statusCode).toBe(403)
    }
    expect(await purchasesOf(ctx, parent.id)).toHaveLength(0)
  })
})

describe('rollover of unused credits on renewal', () => {
  async function spendWithCredits(parent: { id: string; role: 'customer' | 'partner' | 'admin' }, credits: number) {
    const listing = await createListing(db)
    const option = await createPlanOption(db, listing.id, { kind: 'single', price: 50_000, credits_price: credits })
    const session = await createSession(db, listing.id, new Date(ctx.clock.now().getTime() + 2 * DAY_MS))
    const child = await createChild(db, parent.id)
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
      payload: { listing_id: listing.id, plan_option_id: option.id, session_id: session.id, child_ids: [child.id], payment_method: 'credits' },
    })
    expect(res.statusCode, res.body).toBe(201)
  }

  it('moves unused paid credits into a lot expiring with the new plan, capped at its credits × CREDIT_ROLLOVER_PERCENT', async () => {
    const parent = await createUser(db)
    const first = await createPlan(ctx, { credits: 20, bonus_credits: 0, validity_days: 30 })
    await buy(ctx, parent, first.id)
    await spendWithCredits(parent, 6)
    ctx.clock.advance(10 * DAY_MS)
    // 14 unused; a small plan of 10 credits (+2 bonus) takes at most 50 % of 10 = 5
    const small = await createPlan(ctx, { name: 'Mini', credits: 10, bonus_credits: 2, validity_days: 30 })
    const renewed = await buy(ctx, parent, small.id)
    expect(renewed.wallet.balance).toBe(14 + 12)
    const entries = await entriesOf(ctx, parent.id)
    expect(entries.map((e) => [e.entry_type, e.delta])).toEqual([['grant', 20], ['spend', -6], ['grant', 12], ['rollover', 0]])
    expect(entries[3]).toMatchObject({ purchase_id: renewed.purchase.id, reason: 'Unused credits rolled over into Mini: 5', balance_after: 26 })
    expect(entries[3]!.expires_at?.toISOString()).toBe(renewed.purchase.expires_at)
    const lots = await lotsOf(parent.id)
    expect(lots.map((l) => [l.credits, l.remaining, l.expires_at.toISOString()])).toEqual([
      [20, 9, entries[0]!.expires_at!.toISOString()],
      [12, 12, renewed.purchase.expires_at],
      [5, 5, renewed.purchase.expires_at],
    ])
  })

  it('never rolls trial credits over, and buying a trial plan rolls nothing over', async () => {
    const parent = await createUser(db)
    const paid = await createPlan(ctx, { credits: 4, bonus_credits: 0, validity_days: 30 })
    const trial = await createPlan(ctx, { credits: 5, bonus_credits: 0, validity_days: 30, is_trial: true, price: 9_900 })
    const big = await createPlan(ctx, { credits: 40, bonus_credits: 0, validity_days: 30 })
    await buy(ctx, parent, paid.id)
    ctx.clock.advance(DAY_MS)
    await buy(ctx, parent, trial.id)
    expect((await entriesOf(ctx, parent.id)).map((e) => e.entry_type)).toEqual(['grant', 'grant'])
    ctx.clock.advance(DAY_MS)
    const renewed = await buy(ctx, parent, big.id)
    const entries = await entriesOf(ctx, parent.id)
    expect(entries.map((e) => e.entry_type)).toEqual(['grant', 'grant', 'grant', 'rollover'])
    expect(entries[3]!.reason).toBe(`Unused credits rolled over into ${big.name}: 4`)
    const trialLot = (await lotsOf(parent.id)).find((l) => l.entry_id === entries[1]!.id)
    expect(trialLot).toMatchObject({ credits: 5, remaining: 5, rolls_over: false })
    expect(renewed.wallet.balance).toBe(4 + 5 + 40)
  })

  it('rolls nothing over when CREDIT_ROLLOVER_PERCENT is 0', async () => {
    const parent = await createUser(plain.database.db)
    const plan = await createPlan(plain, { credits: 10, bonus_credits: 0, validity_days: 30 })
    await buy(plain, parent, plan.id)
    plain.clock.advance(DAY_MS)
    const renewed = await buy(plain, parent, plan.id)
    expect((await entriesOf(plain, parent.id)).map((e) => e.entry_type)).toEqual(['grant', 'grant'])
    expect(renewed.wallet.balance).toBe(20)
  })
})

describe.runIf(usingPostgres())('one Idempotency-Key under concurrency (PostgreSQL)', () => {
  it('20 parallel requests with the same key make one purchase and one grant, and all answer it', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const parent = await createUser(db)
    const plan = await createPlan(ctx)
    const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...(await authHeader(parent, ctx.clock)) }
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await fetch(`${base}/api/subscribe-plan`, { method: 'POST', headers, body: JSON.stringify({ plan_id: plan.id }) })
        return { status: res.status, body: (await res.json()) as { code?: string; purchase?: { id: string } } }
      }),
    )
    // a request that finds the first still in flight may be told to retry (409 IDEMPOTENCY_KEY_IN_USE); none makes a second purchase
    const ok = answers.filter((a) => a.status === 201)
    expect(ok.length).toBeGreaterThan(0)
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 409 && a.body.code === 'IDEMPOTENCY_KEY_IN_USE')).toBe(true)
    expect(new Set(ok.map((a) => a.body.purchase?.id)).size).toBe(1)
    expect(await purchasesOf(ctx, parent.id)).toHaveLength(1)
    expect((await entriesOf(ctx, parent.id)).filter((e) => e.entry_type === 'grant')).toHaveLength(1)
  })
})
