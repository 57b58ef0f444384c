import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createPartner, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { partners } from '../../db/schema/index.js'
import { findAuditLogsForTarget } from '../audit/index.js'
import { createSecretCipher } from './bank-account-cipher.js'
import { assertPartnerCanPublish, findPartnerByUserId } from './index.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const cipher = createSecretCipher(ctx.config.dataEncryptionKey)
const admin = await createUser(db, { role: 'admin' })

async function call(method: 'GET' | 'POST', url: string, user?: { id: string; role: 'customer' | 'partner' | 'admin' }, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

async function submittedPartner(overrides: Partial<typeof partners.$inferInsert> = {}) {
  return createPartner(db, {
    kyc_status: 'submitted',
    pan: 'AAPFU0939F',
    gstin: '27AAPFU0939F1ZV',
    ifsc: 'HDFC0001234',
    account_holder_name: 'Little Picasso LLP',
    bank_account_encrypted: cipher.encrypt('123456789012'),
    bank_account_last4: '9012',
    ...overrides,
  })
}

describe('admin partner routes: who may call them', () => {
  const routes: ['GET' | 'POST', string, object?][] = [
    ['GET', '/api/admin/partners'],
    ['GET', `/api/admin/partners/${randomUUID()}`],
    ['POST', `/api/admin/partners/${randomUUID()}/kyc`, { decision: 'verify' }],
  ]

  it.each(routes)('%s %s answers 401 without a token and 403 to customers and partners', async (method, url, payload) => {
    expect((await call(method, url, undefined, payload)).statusCode).toBe(401)
    const customer = await createUser(db)
    const partnerUser = await createUser(db, { role: 'partner' })
    for (const user of [customer, partnerUser]) {
      const res = await call(method, url, user, payload)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('ROLE_FORBIDDEN')
    }
  })

  it('answers 422 to a malformed id and 404 to an unknown one', async () => {
    expect((await call('GET', '/api/admin/partners/not-a-uuid', admin)).statusCode).toBe(422)
    const res = await call('GET', `/api/admin/partners/${randomUUID()}`, admin)
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PARTNER_NOT_FOUND')
    expect((await call('POST', `/api/admin/partners/${randomUUID()}/kyc`, admin, { decision: 'verify' })).statusCode).toBe(404)
  })
})

describe('GET /api/admin/partners', () => {
  it('filters by status, kyc_status, city and name, and pages', async () => {
    const tag = randomUUID().slice(0, 6)
    const a = await submittedPartner({ business_name: `Zumba ${tag} Kids`, city: 'Pune' })
    const b = await createPartner(db, { business_name: `Chess ${tag} Club`, city: 'pune', kyc_status: 'verified' })
    const c = await createPartner(db, { business_name: `Zumba ${tag} Adults`, city: 'Delhi', status: 'suspended' })

    const ids = async (query: string) => {
      const res = await call('GET', `/api/admin/partners?search=${tag}&${query}`, admin)
      expect(res.statusCode).toBe(200)
      return (res.json().items as { id: string }[]).map((p) => p.id).sort()
    }
    expect(await ids('')).toEqual([a.id, b.id, c.id].sort())
    expect(await ids('kyc_status=submitted')).toEqual([a.id])
    expect(await ids('status=suspended')).toEqual([c.id])
    expect(await ids('city=PUNE')).toEqual([a.id, b.id].sort())
    expect((await call('GET', `/api/admin/partners?search=zumba%20${tag}`, admin)).json().total).toBe(2)

    const page = await call('GET', `/api/admin/partners?search=${tag}&page=2&page_size=2`, admin)
    expect(page.json()).toMatchObject({ total: 3, page: 2, page_size: 2 })
    expect(page.json().items).toHaveLength(1)
  })

  it('treats % and _ in the search as plain characters', async () => {
    const p = await createPartner(db, { business_name: `100%_Fun ${randomUUID().slice(0, 6)}` })
    const res = await call('GET', `/api/admin/partners?search=${encodeURIComponent('100%_F')}`, admin)
    expect((res.json().items as { id: string }[]).map((i) => i.id)).toContain(p.id)
    const none = await call('GET', `/api/admin/partners?search=${encodeURIComponent('1%0')}`, admin)
    expect((none.json().items as { id: string }[]).map((i) => i.id)).not.toContain(p.id)
  })

  it('answers 422 to an unknown kyc_status', async () => {
    expect((await call('GET', '/api/admin/partners?kyc_status=maybe', admin)).statusCode).toBe(422)
  })

  it('never shows bank details in the list', async () => {
    const p = await submittedPartner({ business_name: `Bank ${randomUUID()}` })
    const res = await call('GET', `/api/admin/partners?search=${encodeURIComponent(p.business_name)}`, admin)
    expect(res.json().items[0]).not.toHaveProperty('bank_account_last4')
    expect(res.body).not.toContain('v1.')
  })
})

describe('GET /api/admin/partners/{id}', () => {
  it('shows the KYC with the bank account’s last 4 digits only, and the owner', async () => {
    const p = await submittedPartner()
    const res = await call('GET', `/api/admin/partners/${p.id}`, admin)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: p.id,
      pan: 'AAPFU0939F',
      gstin: '27AAPFU0939F1ZV',
      bank_account_last4: '9012',
      bank_account_masked: 'XXXXXX9012',
      kyc_status: 'submitted',
      owner: { id: p.user_id },
    })
    expect(res.body).not.toContain('123456789012')
    expect(res.body).not.toContain(p.bank_account_encrypted!)
  })
})

describe('POST /api/admin/partners/{id}/kyc', () => {
  it('verifies a submitted KYC and writes the audit row in the same change', async () => {
    const p = await submittedPartner()
    const res = await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'verify' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kyc_status: 'verified', kyc_rejection_reason: null })
    const logs = await findAuditLogsForTarget(db, 'partner', p.id)
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({
      actor_id: admin.id,
      action: 'partner.kyc_verify',
      before: { kyc_status: 'submitted', kyc_rejection_reason: null, status: 'active' },
      after: { kyc_status: 'verified', kyc_rejection_reason: null, status: 'active' },
    })
    expect(logs[0]!.created_at.toISOString()).toBe(ctx.clock.now().toISOString())
    const audit = JSON.stringify(logs)
    for (const secret of ['123456789012', 'bank_account', 'v1.', 'AAPFU0939F']) expect(audit).not.toContain(secret)
  })

  it('rejects with a reason the partner then sees; the partner can resubmit', async () => {
    const p = await submittedPartner()
    const res = await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'reject', reason: ' IFSC does not match the cheque ' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kyc_status: 'rejected', kyc_rejection_reason: 'IFSC does not match the cheque' })
    const mine = await call('GET', '/api/partners/my', { id: p.user_id, role: 'partner' })
    expect(mine.json()).toMatchObject({ kyc_status: 'rejected', kyc_rejection_reason: 'IFSC does not match the cheque' })
    const [log] = await findAuditLogsForTarget(db, 'partner', p.id)
    expect(log).toMatchObject({ action: 'partner.kyc_reject', after: { kyc_status: 'rejected', kyc_rejection_reason: 'IFSC does not match the cheque' } })
    const again = await call('POST', '/api/partners/my/kyc/submit', { id: p.user_id, role: 'partner' })
    expect(again.json().kyc_status).toBe('submitted')
  })

  it('needs a reason to reject (422 REASON_REQUIRED) and writes nothing', async () => {
    const p = await submittedPartner()
    for (const payload of [{ decision: 'reject' }, { decision: 'reject', reason: '   ' }]) {
      const res = await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, payload)
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('REASON_REQUIRED')
    }
    expect((await findPartnerByUserId(db, p.user_id))!.kyc_status).toBe('submitted')
    expect(await findAuditLogsForTarget(db, 'partner', p.id)).toEqual([])
  })

  it.each(['not_submitted', 'verified', 'rejected'] as const)('answers 409 KYC_NOT_SUBMITTED from %s and writes no audit row', async (status) => {
    const p = await submittedPartner({ kyc_status: status })
    const res = await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'verify' })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('KYC_NOT_SUBMITTED')
    expect(await findAuditLogsForTarget(db, 'partner', p.id)).toEqual([])
  })

  it('answers 422 to an unknown decision', async () => {
    const p = await submittedPartner()
    expect((await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'maybe' })).statusCode).toBe(422)
  })
})

describe('assertPartnerCanPublish', () => {
  it('lets an active, verified partner publish', async () => {
    const p = await createPartner(db, { kyc_status: 'verified' })
    await expect(db.transaction((tx) => assertPartnerCanPublish(tx, p.id))).resolves.toBeUndefined()
  })

  it.each([
    [{ kyc_status: 'submitted' as const }, 'KYC is submitted'],
    [{ kyc_status: 'not_submitted' as const }, 'KYC is not submitted'],
    [{ kyc_status: 'rejected' as const }, 'KYC is rejected'],
    [{ kyc_status: 'verified' as const, status: 'suspended' as const }, 'suspended'],
  ])('refuses %j with 409 KYC_NOT_VERIFIED', async (overrides, message) => {
    const p = await createPartner(db, overrides)
    const err = await db.transaction((tx) => assertPartnerCanPublish(tx, p.id)).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 409, code: 'KYC_NOT_VERIFIED', message: expect.stringContaining(message) })
  })

  it('flips once an admin verifies the KYC', async () => {
    const p = await submittedPartner()
    await expect(assertPartnerCanPublish(db, p.id)).rejects.toMatchObject({ code: 'KYC_NOT_VERIFIED' })
    await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'verify' })
    await expect(assertPartnerCanPublish(db, p.id)).resolves.toBeUndefined()
  })

  it('answers 404 for an unknown partner', async () => {
    await expect(assertPartnerCanPublish(db, randomUUID())).rejects.toMatchObject({ status: 404 })
  })
})

describe('findPartnerByUserId', () => {
  it('finds the profile a user owns, and nothing for a user without one', async () => {
    const p = await createPartner(db)
    expect((await findPartnerByUserId(db, p.user_id))?.id).toBe(p.id)
    expect(await findPartnerByUserId(db, (await createUser(db)).id)).toBeUndefined()
  })
})

describe('the partner row after review', () => {
  it('keeps the encrypted bank number untouched', async () => {
    const p = await submittedPartner()
    await call('POST', `/api/admin/partners/${p.id}/kyc`, admin, { decision: 'verify' })
    const [row] = await db.select().from(partners).where(eq(partners.id, p.id))
    expect(cipher.decrypt(row!.bank_account_encrypted!)).toBe('123456789012')
  })
})

describe.runIf(usingPostgres())('concurrent reviews (PostgreSQL)', () => {
  it('two admins deciding the same KYC at once: one decision wins, one audit row', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const p = await submittedPartner()
    const second = await createUser(db, { role: 'admin' })
    const decide = async (user: typeof admin, body: object) =>
      fetch(`${base}/api/admin/partners/${p.id}/kyc`, {
        method: 'POST',
        headers: { ...(await authHeader(user, ctx.clock)), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const answers = await Promise.all([decide(admin, { decision: 'verify' }), decide(second, { decision: 'reject', reason: 'mismatch' })])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const logs = await findAuditLogsForTarget(db, 'partner', p.id)
    expect(logs).toHaveLength(1)
    const [row] = await db.select().from(partners).where(eq(partners.id, p.id))
    expect(row!.kyc_status).toBe(logs[0]!.action === 'partner.kyc_verify' ? 'verified' : 'rejected')
  })
})
