// The platform's invoices for credit plan purchases: series CR numbered consecutively, GST at the configured rate included
// in the price, issued once per purchase, and readable (JSON and PDF) by its customer and admins only.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import { authHeader, createPartner, createUser } from '../../../test/factories.js'
import { creditPlans, creditPurchases, invoices, settings } from '../../db/schema/index.js'
import type { InvoiceResponse } from './invoices.schemas.js'
import { createInvoicesService } from './invoices.service.js'
import { issueInvoiceForCreditPurchase } from './issue-platform-invoice.js'

const PLATFORM = { legalName: 'RRRAY Technologies Private Limited', gstin: '29ABCDE1234F1Z5', state: 'Karnataka' }
const ctx = await buildTestApp({ env: { PAYMENTS_MODE: 'mock', PLATFORM_GSTIN: PLATFORM.gstin, PLATFORM_STATE: PLATFORM.state } })
const { db } = ctx.database

type Viewer = { id: string; role: 'customer' | 'partner' | 'admin' }

async function buy(parent: Viewer, price: number, name = `Family ${randomUUID().slice(0, 6)}`) {
  const [plan] = await db.insert(creditPlans).values({ name, credits: 25, bonus_credits: 3, price, validity_days: 60 }).returning()
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/subscribe-plan',
    headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
    payload: { plan_id: plan!.id },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { purchase: { id: string }; invoice_id: string | null }
}

const invoiceRow = async (id: string) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!
const get = async (url: string, user?: Viewer) => ctx.app.inject({ url, headers: user ? await authHeader(user, ctx.clock) : {} })

describe('issuing credit plan invoices', () => {
  it('numbers them consecutively in the platform’s CR series, apart from partners’ series', async () => {
    const parent = await createUser(db)
    const first = await invoiceRow((await buy(parent, 118_000)).invoice_id!)
    const second = await invoiceRow((await buy(parent, 118_000)).invoice_id!)
    expect(first).toMatchObject({ series: 'CR', financial_year: '2025-26', invoice_number: `CR/25-26/${String(first.sequence).padStart(6, '0')}` })
    expect(second.sequence).toBe(first.sequence + 1)
    expect(first).toMatchObject({ taxable_value: 100_000, cgst: 9_000, sgst: 9_000, igst: 0, total: 118_000, supplier_gstin: PLATFORM.gstin })
  })

  it('charges the configured GST rate', async () => {
    await db.insert(settings).values({ key: 'gst', value: { rate_percent: 5 } }).onConflictDoUpdate({ target: settings.key, set: { value: { rate_percent: 5 } } })
    try {
      const invoice = await invoiceRow((await buy(await createUser(db), 105_000)).invoice_id!)
      expect(invoice).toMatchObject({ rate_percent: 5, taxable_value: 100_000, cgst: 2_500, sgst: 2_500, igst: 0, total: 105_000 })
    } finally {
      await db.delete(settings).where(eq(settings.key, 'gst'))
    }
  })

  it('is issued once per purchase, and not for an unpaid or free one', async () => {
    const parent = await createUser(db)
    const { purchase, invoice_id } = await buy(parent, 118_000)
    const again = await db.transaction((tx) => issueInvoiceForCreditPurchase(tx, purchase.id, ctx.clock.now(), PLATFORM))
    expect(again!.id).toBe(invoice_id)
    expect(await db.select().from(invoices).where(eq(invoices.credit_purchase_id, purchase.id))).toHaveLength(1)

    const free = await buy(parent, 0)
    expect(free.invoice_id).toBeNull()
    expect(await db.transaction((tx) => issueInvoiceForCreditPurchase(tx, free.purchase.id, ctx.clock.now(), PLATFORM))).toBeUndefined()

    const [row] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, purchase.id))
    const pendingId = randomUUID()
    const now = ctx.clock.now()
    await db.insert(creditPurchases).values({ ...row!, id: pendingId, status: 'pending_payment', payment_method: 'razorpay', paid_at: null, expires_at: null, payment_ref: null, razorpay_order_id: null, created_at: now, updated_at: now })
    expect(await db.transaction((tx) => issueInvoiceForCreditPurchase(tx, pendingId, now, PLATFORM))).toBeUndefined()
  })
})

describe('reading credit plan invoices', async () => {
  const parent = await createUser(db, { name: 'Meera Iyer' })
  const { purchase, invoice_id } = await buy(parent, 249_900, 'Family')
  const admin = await createUser(db, { role: 'admin' })
  const other = await createUser(db)
  const partner = await createPartner(db)
  const partnerUser: Viewer = { id: partner.user_id, role: 'partner' }

  it('lists it among the parent’s invoices and shows it to the parent and admins; 404 to anyone else', async () => {
    const mine = await get('/api/invoices/my', parent)
    expect(mine.statusCode).toBe(200)
    expect((mine.json().items as InvoiceResponse[]).map((i) => i.id)).toEqual([invoice_id])
    for (const user of [parent, admin]) {
      const res = await get(`/api/invoices/${invoice_id}`, user)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({
        id: invoice_id, credit_purchase_id: purchase.id, booking_id: null, partner_id: null, customer_name: 'Meera Iyer', supplier_name: PLATFORM.legalName,
        description: 'Credit plan: Family (25 credits + 3 bonus)', quantity: 1, total: 249_900,
      })
    }
    for (const user of [other, partnerUser]) {
      expect((await get(`/api/invoices/${invoice_id}`, user)).statusCode).toBe(404)
      expect((await get(`/api/invoices/${invoice_id}/pdf`, user)).statusCode).toBe(404)
    }
  })

  it('renders the PDF with the platform as supplier and the CGST+SGST split', async () => {
    for (const user of [parent, admin]) {
      const res = await get(`/api/invoices/${invoice_id}/pdf`, user)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    const row = await invoiceRow(invoice_id!)
    const { pdf } = await createInvoicesService({ db, pdf: { font: null, compress: false } }).renderInvoice(parent, invoice_id!)
    const raw = pdf.toString('latin1')
    const hex = (chunk: string) => [...chunk.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1')).join('')
    const text = [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => hex(m[1] ?? '')).join('|')
    for (const expected of [row.invoice_number, PLATFORM.legalName, PLATFORM.gstin, 'Rs. 2,499.00', 'CGST @ 9%', 'Meera Iyer', 'Place of supply: Karnataka']) expect(text).toContain(expected)
  })
})
