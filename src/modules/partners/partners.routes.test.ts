import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createCategory, createListing, createPartner, createUser } from '../../../test/factories.js'
import { usingPostgres } from '../../../test/test-database.js'
import { partners, users, listings } from '../../db/schema/index.js'
import { createSecretCipher } from './bank-account-cipher.js'

const ctx = await buildTestApp()
const { db } = ctx.database

const KYC = { pan: 'aapfu0939f', gstin: '27AAPFU0939F1ZV', bank_account_number: '1234 5678 9012', ifsc: 'hdfc0001234', account_holder_name: 'Little Picasso LLP' }

async function call(method: 'GET' | 'POST' | 'PUT', url: string, user?: { id: string; role: 'customer' | 'partner' | 'admin' }, payload?: object) {
  const headers = user ? await authHeader(user, ctx.clock) : {}
  return ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
}

/** A fresh customer who became a partner through the API, with the given profile. */
async function newPartner(body: object = {}) {
  const user = await createUser(db)
  const res = await call('POST', '/api/partners', user, { business_name: 'Little Picasso', ...body })
  expect(res.statusCode).toBe(201)
  return { user: { ...user, role: 'partner' as const }, partner: res.json() }
}

async function storedRow(partnerId: string) {
  const [row] = await db.select().from(partners).where(eq(partners.id, partnerId))
  return row!
}

describe('POST /api/partners', () => {
  it('creates the profile, normalises KYC and phone, and makes the customer a partner', async () => {
    const user = await createUser(db)
    const res = await call('POST', '/api/partners', user, {
      business_name: '  Little   Picasso ',
      contact_phone: '98765 43210',
      contact_email: 'Hello@LittlePicasso.in',
      city: 'Mumbai',
      ...KYC,
    })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({
      user_id: user.id,
      business_name: 'Little Picasso',
      contact_phone: '+919876543210',
      contact_email: 'hello@littlepicasso.in',
      pan: 'AAPFU0939F',
      gstin: '27AAPFU0939F1ZV',
      ifsc: 'HDFC0001234',
      bank_account_masked: 'XXXXXX9012',
      kyc_status: 'not_submitted',
      kyc_missing: [],
      status: 'active',
    })
    expect(body).not.toHaveProperty('bank_account_encrypted')
    expect(body).not.toHaveProperty('bank_account_last4')
    expect(JSON.stringify(body)).not.toContain('123456789012')
    const [account] = await db.select().from(users).where(eq(users.id, user.id))
    expect(account!.role).toBe('partner')
  })

  it('stores the bank account encrypted: the column holds no digits of it in clear, and decrypts with the configured key', async () => {
    const { partner } = await newPartner(KYC)
    const row = await storedRow(partner.id)
    expect(row.bank_account_encrypted).toMatch(/^v1\./)
    expect(row.bank_account_encrypted).not.toContain('123456789012')
    expect(row.bank_account_last4).toBe('9012')
    expect(createSecretCipher(ctx.config.dataEncryptionKey).decrypt(row.bank_account_encrypted!)).toBe('123456789012')
  })

  it('answers 409 PARTNER_EXISTS to a second profile of the same account', async () => {
    const { user } = await newPartner()
    const res = await call('POST', '/api/partners', user, { business_name: 'Second Studio' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ detail: expect.stringContaining('already have'), code: 'PARTNER_EXISTS' })
  })

  it('refuses an admin account with 403 ADMIN_CANNOT_BE_PARTNER and leaves its role alone', async () => {
    const admin = await createUser(db, { role: 'admin' })
    const res = await call('POST', '/api/partners', admin, { business_name: 'Admin Studio' })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('ADMIN_CANNOT_BE_PARTNER')
    const [account] = await db.select().from(users).where(eq(users.id, admin.id))
    expect(account!.role).toBe('admin')
  })

  it('needs a token', async () => {
    expect((await call('POST', '/api/partners', undefined, { business_name: 'Nobody' })).statusCode).toBe(401)
  })

  it.each([
    [{ pan: 'AAPXU0939F' }, 'INVALID_PAN', 'holder type'],
    [{ pan: 'AAPFU0939F', gstin: '27AAPFU0939F1ZW' }, 'INVALID_GSTIN', 'check character'],
    [{ pan: 'AAPFU0939F', gstin: '45AAPFU0939F1ZV' }, 'INVALID_GSTIN', 'state code 45'],
    [{ pan: 'AABCL8151B', gstin: '27AAPFU0939F1ZV' }, 'GSTIN_PAN_MISMATCH', 'belongs to PAN AAPFU0939F'],
    [{ gstin: '27AAPFU0939F1ZV' }, 'GSTIN_NEEDS_PAN', 'PAN'],
    [{ ifsc: 'HDFC1001234' }, 'INVALID_IFSC', 'IFSC'],
    [{ contact_phone: '12345' }, 'INVALID_MOBILE', 'Indian mobile'],
    [{ bank_account_number: '12AB' }, 'INVALID_BANK_ACCOUNT', '9 to 18 digits'],
  ])('answers 422 to %j', async (kyc, code, message) => {
    const user = await createUser(db)
    const res = await call('POST', '/api/partners', user, { business_name: 'Bad KYC Studio', ...kyc })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code, detail: expect.stringContaining(message) })
    const [account] = await db.select().from(users).where(eq(users.id, user.id))
    expect(account!.role).toBe('customer')
  })

  it('lists every invalid field in one answer', async () => {
    const user = await createUser(db)
    const res = await call('POST', '/api/partners', user, { business_name: 'Bad', pan: 'x', ifsc: 'y' })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail).toMatch(/pan: .*; ifsc: /)
  })

  it('answers 422 VALIDATION_ERROR without a business name', async () => {
    const user = await createUser(db)
    const res = await call('POST', '/api/partners', user, { city: 'Pune' })
    expect(res.statusCode).toBe(422)
    expect(res.json().detail[0].loc).toEqual(['body', 'business_name'])
  })
})

describe('GET /api/partners/my', () => {
  it('answers my profile, masked', async () => {
    const { user, partner } = await newPartner(KYC)
    const res = await call('GET', '/api/partners/my', user)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: partner.id, bank_account_masked: 'XXXXXX9012' })
  })

  it('answers 403 to a customer, 401 without a token, 404 to a partner account without a profile', async () => {
    expect((await call('GET', '/api/partners/my', await createUser(db))).statusCode).toBe(403)
    expect((await call('GET', '/api/partners/my')).statusCode).toBe(401)
    const res = await call('GET', '/api/partners/my', await createUser(db, { role: 'partner' }))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PARTNER_PROFILE_NOT_FOUND')
  })
})

describe('PUT /api/partners/my', () => {
  it('changes only what is sent, clears with null, and re-encrypts a new bank account', async () => {
    const { user, partner } = await newPartner({ ...KYC, city: 'Mumbai', address: 'Old address' })
    const before = await storedRow(partner.id)
    const res = await call('PUT', '/api/partners/my', user, { description: 'Art for kids', address: null, bank_account_number: '999988887777' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ description: 'Art for kids', address: null, city: 'Mumbai', bank_account_masked: 'XXXXXX7777', business_name: 'Little Picasso' })
    const after = await storedRow(partner.id)
    expect(after.bank_account_encrypted).not.toBe(before.bank_account_encrypted)
    expect(after.bank_account_encrypted).not.toContain('999988887777')
  })

  it('checks a new PAN against the GSTIN on file', async () => {
    const { user } = await newPartner(KYC)
    const res = await call('PUT', '/api/partners/my', user, { pan: 'AABCL8151B' })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('GSTIN_PAN_MISMATCH')
    const both = await call('PUT', '/api/partners/my', user, { pan: 'AABCL8151B', gstin: '32AABCL8151B1Z1' })
    expect(both.statusCode).toBe(200)
    expect(both.json()).toMatchObject({ pan: 'AABCL8151B', gstin: '32AABCL8151B1Z1' })
  })

  it('keeps listings’ search text in step with a new business name', async () => {
    const { user, partner } = await newPartner()
    const category = await createCategory(db, { name: 'Painting' })
    const listing = await createListing(db, { partner_id: partner.id, category_id: category.id, title: 'Watercolour Basics' })
    const res = await call('PUT', '/api/partners/my', user, { business_name: 'Rainbow Brush Academy' })
    expect(res.statusCode).toBe(200)
    const [row] = await db.select().from(listings).where(eq(listings.id, listing.id))
    expect(row!.search_text).toContain('rainbow brush academy')
    expect(row!.search_text).toContain('watercolour basics')
    expect(row!.search_text).toContain('painting')
  })

  it('sends a verified KYC back to review when a KYC field changes, but not for other fields or the same number', async () => {
    const { user, partner } = await newPartner(KYC)
    await db.update(partners).set({ kyc_status: 'verified' }).where(eq(partners.id, partner.id))
    expect((await call('PUT', '/api/partners/my', user, { description: 'new words' })).json().kyc_status).toBe('verified')
    expect((await call('PUT', '/api/partners/my', user, { bank_account_number: '123456789012', ifsc: 'HDFC0001234' })).json().kyc_status).toBe('verified')
    const res = await call('PUT', '/api/partners/my', user, { ifsc: 'ICIC0000001' })
    expect(res.statusCode).toBe(200)
    expect(res.json().kyc_status).toBe('submitted')
  })

  it('keeps a rejected KYC rejected (with its reason) until it is submitted again', async () => {
    const { user, partner } = await newPartner(KYC)
    await db.update(partners).set({ kyc_status: 'rejected', kyc_rejection_reason: 'blurry' }).where(eq(partners.id, partner.id))
    const res = await call('PUT', '/api/partners/my', user, { ifsc: 'ICIC0000001' })
    expect(res.json()).toMatchObject({ kyc_status: 'rejected', kyc_rejection_reason: 'blurry' })
  })

  it('answers 403 to a customer and 401 without a token', async () => {
    expect((await call('PUT', '/api/partners/my', await createUser(db), { city: 'Pune' })).statusCode).toBe(403)
    expect((await call('PUT', '/api/partners/my', undefined, { city: 'Pune' })).statusCode).toBe(401)
  })
})

describe('POST /api/partners/my/kyc/submit', () => {
  it('names what is missing with 422 KYC_INCOMPLETE', async () => {
    const { user } = await newPartner({ pan: 'AAPFU0939F' })
    const res = await call('POST', '/api/partners/my/kyc/submit', user)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ code: 'KYC_INCOMPLETE', detail: 'KYC is incomplete: add bank_account_number, ifsc, account_holder_name before submitting' })
    expect((await call('GET', '/api/partners/my', user)).json()).toMatchObject({
      kyc_status: 'not_submitted',
      kyc_missing: ['bank_account_number', 'ifsc', 'account_holder_name'],
    })
  })

  it('submits a complete KYC once; a second submit is 409', async () => {
    const { user } = await newPartner({ ...KYC, gstin: undefined })
    const res = await call('POST', '/api/partners/my/kyc/submit', user)
    expect(res.statusCode).toBe(200)
    expect(res.json().kyc_status).toBe('submitted')
    const again = await call('POST', '/api/partners/my/kyc/submit', user)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('KYC_ALREADY_SUBMITTED')
  })

  it('resubmits a rejected KYC and clears the old reason', async () => {
    const { user, partner } = await newPartner(KYC)
    await db.update(partners).set({ kyc_status: 'rejected', kyc_rejection_reason: 'blurry' }).where(eq(partners.id, partner.id))
    const res = await call('POST', '/api/partners/my/kyc/submit', user)
    expect(res.json()).toMatchObject({ kyc_status: 'submitted', kyc_rejection_reason: null })
  })

  it('answers 409 KYC_ALREADY_VERIFIED to a verified partner, 403 to a customer, 401 without a token', async () => {
    const verified = await createPartner(db, { kyc_status: 'verified' })
    const res = await call('POST', '/api/partners/my/kyc/submit', { id: verified.user_id, role: 'partner' })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('KYC_ALREADY_VERIFIED')
    expect((await call('POST', '/api/partners/my/kyc/submit', await createUser(db))).statusCode).toBe(403)
    expect((await call('POST', '/api/partners/my/kyc/submit')).statusCode).toBe(401)
  })
})

describe.runIf(usingPostgres())('concurrent sign-ups (PostgreSQL)', () => {
  it('the same account asking five times at once gets one profile and four 409 PARTNER_EXISTS', async () => {
    const base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const user = await createUser(db)
    const headers = { ...(await authHeader(user, ctx.clock)), 'content-type': 'application/json' }
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => fetch(`${base}/api/partners`, { method: 'POST', headers, body: JSON.stringify({ business_name: `Race ${i}` }) })),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409])
    const codes = await Promise.all(answers.filter((a) => a.status === 409).map(async (a) => ((await a.json()) as { code: string }).code))
    expect(new Set(codes)).toEqual(new Set(['PARTNER_EXISTS']))
    expect(await db.select().from(partners).where(eq(partners.user_id, user.id))).toHaveLength(1)
  })
})
