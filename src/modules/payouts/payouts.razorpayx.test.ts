// PAYOUTS_MODE=razorpayx against a local fake RazorpayX: approval pays by a job after the commit (contact, fund account from
// the decrypted KYC bank account, payout with a stable X-Payout-Idempotency key), payout webhooks settle the request.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createListing, createPartner, createUser } from '../../../test/factories.js'
import { razorpayEvent, signRazorpayWebhook } from '../../../test/fakes/razorpay-server.js'
import { razorpayXTestEnv, startFakeRazorpayX } from '../../../test/fakes/razorpayx-server.js'
import { bookings } from '../../db/schema/index.js'
import { createSecretCipher } from '../partners/index.js'
import { PAY_OUT_JOB } from './index.js'

const WEBHOOK_SECRET = 'razorpayx-webhook-secret-for-tests'
const fake = await startFakeRazorpayX()
afterAll(() => fake.close())
const ctx = await buildTestApp({ env: razorpayXTestEnv(fake, WEBHOOK_SECRET) })
const { db } = ctx.database
const cipher = createSecretCipher(ctx.config.dataEncryptionKey)
const customer = await createUser(db)
const admin = await createUser(db, { role: 'admin' })
const adminHeaders = await authHeader(admin, ctx.clock)

async function partnerWithEarnings(earned: number, bank: { account: string; ifsc: string } | null = { account: '50100012345678', ifsc: 'HDFC0001234' }) {
  const partner = await createPartner(db, {
    commission_percent: '0',
    contact_email: 'owner@kickstart.example',
    ...(bank ? { bank_account_encrypted: cipher.encrypt(bank.account), bank_account_last4: bank.account.slice(-4), ifsc: bank.ifsc, account_holder_name: 'Kickstart Sports LLP' } : {}),
  })
  const listing = await createListing(db, { partner_id: partner.id })
  await db.insert(bookings).values({ user_id: customer.id, listing_id: listing.id, status: 'completed', amount: earned, confirmed_at: new Date('2026-01-01T06:00:00Z') })
  return { partner, headers: await authHeader({ id: partner.user_id, role: 'partner' }, ctx.clock) }
}

async function approvedRequest(amount: number, bank?: { account: string; ifsc: string }) {
  const owner = await partnerWithEarnings(amount, bank)
  const created = await ctx.app.inject({ method: 'POST', url: '/api/partner/payout-requests', headers: { ...owner.headers, 'idempotency-key': randomUUID() }, payload: { amount } })
  const { id } = created.json() as { id: string }
  const approved = await ctx.app.inject({ method: 'POST', url: `/api/admin/payout-requests/${id}/approve`, headers: adminHeaders })
  expect(approved.json()).toMatchObject({ status: 'approved', mode: 'razorpayx' })
  return { ...owner, id }
}

const payoutCalls = (id: string) => fake.requests.filter((r) => r.path === '/v1/payouts' && (r.body as { reference_id?: string }).reference_id === id)
const current = async (id: string) => (await ctx.app.inject({ url: `/api/admin/payout-requests?page_size=100`, headers: adminHeaders })).json().items.find((i: { id: string }) => i.id === id)
const payable = async (headers: Record<string, string>) => (await ctx.app.inject({ url: '/api/partner/financials/summary', headers })).json().payable_now as number

function webhook(event: object, options: { eventId?: string; secret?: string } = {}) {
  const raw = JSON.stringify(event)
  return ctx.app.inject({
    method: 'POST',
    url: '/api/payouts/razorpayx/webhook',
    headers: { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook(raw, options.secret ?? WEBHOOK_SECRET), 'x-razorpay-event-id': options.eventId ?? `evt_${randomUUID()}` },
    payload: raw,
  })
}

describe('paying an approved request through RazorpayX', () => {
  it('pays after the commit from the KYC bank account, then payout.processed makes it paid; later events change nothing', async () => {
    const { id, partner, headers } = await approvedRequest(25_000)
    expect(payoutCalls(id)).toHaveLength(0) // nothing is called inside the approval
    await ctx.jobs.drain(PAY_OUT_JOB)
    const contact = fake.requests.find((r) => r.path === '/v1/contacts' && (r.body as { reference_id?: string }).reference_id === partner.id)
    expect(contact).toMatchObject({ authorized: true, body: { name: partner.business_name, type: 'vendor', email: 'owner@kickstart.example' } })
    const fundAccount = [...fake.fundAccounts.values()].at(-1)!
    expect(fundAccount.bank_account).toMatchObject({ account_number: '50100012345678', ifsc: 'HDFC0001234', name: 'Kickstart Sports LLP' })
    const [call] = payoutCalls(id)
    expect(call).toMatchObject({ authorized: true, idempotencyKey: id, body: { account_number: fake.accountNumber, fund_account_id: fundAccount.id, amount: 25_000, currency: 'INR', mode: 'IMPS', purpose: 'payout' } })
    const processing = await current(id)
    expect(processing).toMatchObject({ status: 'processing', razorpayx_payout_id: expect.any(String) })
    expect(await payable(headers)).toBe(0)

    const payout = fake.settle(processing.razorpayx_payout_id, 'processed')
    const eventId = `evt_${randomUUID()}`
    const first = await webhook(razorpayEvent('payout.processed', { payout }), { eventId })
    expect(first.json()).toEqual({ status: 'processed' })
    expect(await current(id)).toMatchObject({ status: 'paid', utr: payout.utr, paid_at: ctx.clock.now().toISOString() })
    expect((await webhook(razorpayEvent('payout.processed', { payout }), { eventId })).json()).toEqual({ status: 'duplicate' })
    // a terminal state ignores later events
    expect((await webhook(razorpayEvent('payout.reversed', { payout: { ...payout, status: 'reversed' } }))).json()).toEqual({ status: 'processed' })
    expect(await current(id)).toMatchObject({ status: 'paid' })
    expect((await ctx.app.inject({ url: '/api/partner/financials/summary', headers })).json()).toMatchObject({ paid_out: 25_000, payable_now: 0 })
    // a retried job for a request already paid calls nothing
    const calls = fake.requests.length
    await ctx.jobs.send(PAY_OUT_JOB, { payout_request_id: id })
    await ctx.jobs.drain(PAY_OUT_JOB)
    expect(fake.requests.length).toBe(calls)
  })

  it('a job retried after a RazorpayX 5xx sends the same idempotency key and creates one payout', async () => {
    const { id } = await approvedRequest(12_000)
    fake.failNext(502, { afterProcessing: true, path: '/v1/payouts' })
    await expect(ctx.jobs.drain(PAY_OUT_JOB)).rejects.toThrow(/502/)
    const made = () => [...fake.payouts.values()].filter((p) => p.reference_id === id)
    expect(made()).toHaveLength(1)
    expect(await current(id)).toMatchObject({ status: 'approved', razorpayx_payout_id: null })
    const contacts = fake.contacts.size
    await ctx.jobs.send(PAY_OUT_JOB, { payout_request_id: id })
    await ctx.jobs.drain(PAY_OUT_JOB)
    expect(payoutCalls(id).map((c) => c.idempotencyKey)).toEqual([id, id])
    expect(made()).toHaveLength(1)
    expect(fake.contacts.size).toBe(contacts) // the fund account was kept from the first run
    expect(await current(id)).toMatchObject({ status: 'processing', razorpayx_payout_id: made()[0]!.id })
  })

  it('payout.reversed and payout.failed make the amount payable again', async () => {
    const reversed = await approvedRequest(8_000)
    const failed = await approvedRequest(9_000)
    await ctx.jobs.drain(PAY_OUT_JOB)
    for (const [request, status] of [[reversed, 'reversed'], [failed, 'failed']] as const) {
      expect(await payable(request.headers)).toBe(0)
      const payout = fake.settle((await current(request.id)).razorpayx_payout_id, status)
      expect((await webhook(razorpayEvent(`payout.${status}`, { payout }))).statusCode).toBe(200)
      expect(await current(request.id)).toMatchObject({ status, failure_reason: expect.any(String), paid_at: null })
      expect(await payable(request.headers)).toBe(status === 'reversed' ? 8_000 : 9_000)
      // a late processed event after the terminal state is ignored
      await webhook(razorpayEvent('payout.processed', { payout: { ...payout, status: 'processed' } }))
      expect((await current(request.id)).status).toBe(status)
    }
  })

  it('a refusal by RazorpayX (a bad IFSC) fails the request without retrying', async () => {
    const { id, headers } = await approvedRequest(5_000, { account: '50100099999999', ifsc: 'BAD1FSC' })
    await ctx.jobs.drain(PAY_OUT_JOB)
    expect(await current(id)).toMatchObject({ status: 'failed', failure_reason: expect.stringContaining('ifsc') })
    expect(payoutCalls(id)).toHaveLength(0)
    expect(await payable(headers)).toBe(5_000)
  })

  it('refuses approval without bank details, mark-paid of a RazorpayX payout, and a bad webhook signature', async () => {
    const bare = await partnerWithEarnings(3_000, null)
    const { id } = (await ctx.app.inject({ method: 'POST', url: '/api/partner/payout-requests', headers: { ...bare.headers, 'idempotency-key': randomUUID() }, payload: { amount: 3_000 } })).json()
    const refused = await ctx.app.inject({ method: 'POST', url: `/api/admin/payout-requests/${id}/approve`, headers: adminHeaders })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('BANK_DETAILS_MISSING')
    expect((await current(id)).status).toBe('requested')

    const paid = await approvedRequest(4_000)
    const markPaid = await ctx.app.inject({ method: 'POST', url: `/api/admin/payout-requests/${paid.id}/mark-paid`, headers: adminHeaders, payload: { utr: 'HDFCN52026010512345' } })
    expect(markPaid.json().code).toBe('PAYOUT_NOT_MANUAL')
    await ctx.jobs.drain(PAY_OUT_JOB)

    const payout = fake.settle((await current(paid.id)).razorpayx_payout_id, 'processed')
    const forged = await webhook(razorpayEvent('payout.processed', { payout }), { secret: 'not-the-secret' })
    expect(forged.statusCode).toBe(400)
    expect(forged.json().code).toBe('INVALID_SIGNATURE')
    expect((await current(paid.id)).status).toBe('processing')
    const tampered = await ctx.app.inject({
      method: 'POST', url: '/api/payouts/razorpayx/webhook',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook('{}', WEBHOOK_SECRET), 'x-razorpay-event-id': 'evt_x' },
      payload: JSON.stringify(razorpayEvent('payout.processed', { payout })),
    })
    expect(tampered.statusCode).toBe(400)
    const noEventId = await ctx.app.inject({
      method: 'POST', url: '/api/payouts/razorpayx/webhook',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': signRazorpayWebhook('{"event":"payout.processed","payload":{}}', WEBHOOK_SECRET) },
      payload: '{"event":"payout.processed","payload":{}}',
    })
    expect(noEventId.statusCode).toBe(400)
    // a payout we do not know, or a reference_id that is not one of our ids, is recorded and ignored
    expect((await webhook(razorpayEvent('payout.processed', { payout: { ...payout, id: 'pout_unknown', reference_id: 'not-one-of-ours' } }))).statusCode).toBe(200)
    expect((await current(paid.id)).status).toBe('processing')
  })
})
