// Invoices issued with the booking that pays for them, their GST split, numbering, PDF and who may read them.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-test-app.js'
import {
  authHeader, createCategory, createChild, createListing, createPartner, createPlanOption, createSession, createUser,
} from '../../../test/factories.js'
import { bookings, invoices, settings } from '../../db/schema/index.js'
import { DAY_MS } from '../../shared/clock.js'
import { createInvoicesService } from './invoices.service.js'
import { issueInvoiceForBooking } from './issue-invoice.js'
import type { InvoiceResponse } from './invoices.schemas.js'

const ctx = await buildTestApp()
const { db } = ctx.database
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms)

async function karnatakaPartner(overrides: { gstin?: string | null } = {}) {
  return createPartner(db, { state: 'Karnataka', gstin: '29ABCDE1234F1Z5', business_name: `Strikers ${randomUUID().slice(0, 6)}`, ...overrides })
}

/** A mock booking (confirmed at once) of a listing at a venue in `venueState`; returns the booking id and the parent. */
async function book(partnerId: string, options: { venueState?: string; price?: number; categoryId?: string; online?: boolean; kids?: number } = {}) {
  const listing = await createListing(db, {
    partner_id: partnerId,
    title: 'Junior Football',
    is_online: options.online ?? false,
    venue: { state: options.venueState ?? 'Karnataka', city: 'Bengaluru' },
    ...(options.categoryId ? { category_id: options.categoryId } : {}),
  })
  const plan = await createPlanOption(db, listing.id, { price: options.price ?? 118_000, name: 'Single session' })
  const session = await createSession(db, listing.id, at(3 * DAY_MS))
  const parent = await createUser(db, { name: 'Asha Rao' })
  const kids = await Promise.all(Array.from({ length: options.kids ?? 1 }, () => createChild(db, parent.id)))
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...(await authHeader(parent, ctx.clock)), 'idempotency-key': randomUUID() },
    payload: { listing_id: listing.id, plan_option_id: plan.id, session_id: session.id, child_ids: kids.map((k) => k.id) },
  })
  expect(res.statusCode).toBe(201)
  return { bookingId: res.json().booking.id as string, parent }
}

async function invoiceOf(bookingId: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.booking_id, bookingId))
  return row
}

describe('issuing invoices', () => {
  it('issues one with CGST + SGST when the venue is in the partner’s state', async () => {
    const partner = await karnatakaPartner()
    const { bookingId, parent } = await book(partner.id, { kids: 2 })
    const invoice = await invoiceOf(bookingId)
    expect(invoice).toMatchObject({
      user_id: parent.id, partner_id: partner.id, supplier_name: partner.business_name, supplier_gstin: '29ABCDE1234F1Z5', supplier_state: 'Karnataka',
      customer_name: 'Asha Rao', place_of_supply_state: 'Karnataka', supply_type: 'intra_state', rate_percent: 18, quantity: 2,
      total: 236_000, taxable_value: 200_000, cgst: 18_000, sgst: 18_000, igst: 0, financial_year: '2025-26', sequence: 1,
      description: 'Junior Football — Single session',
    })
    expect(invoice!.invoice_number).toMatch(/^[0-9A-Z]{3}\/25-26\/000001$/)
    expect(invoice!.issued_at.toISOString()).toBe(ctx.clock.now().toISOString())
  })

  it('charges IGST when the venue is in another state, and the partner’s state for an online listing', async () => {
    const partner = await karnatakaPartner()
    const inter = await invoiceOf((await book(partner.id, { venueState: 'Maharashtra' })).bookingId)
    expect(inter).toMatchObject({ place_of_supply_state: 'Maharashtra', supply_type: 'inter_state', taxable_value: 100_000, cgst: 0, sgst: 0, igst: 18_000, total: 118_000 })
    const online = await invoiceOf((await book(partner.id, { venueState: 'Maharashtra', online: true })).bookingId)
    expect(online).toMatchObject({ place_of_supply_state: 'Karnataka', supply_type: 'intra_state', cgst: 9_000, sgst: 9_000 })
  })

  it('carries no tax for an exempt category, and takes the rate from the config table', async () => {
    const partner = await karnatakaPartner()
    const art = await createCategory(db)
    await db.insert(settings).values({ key: 'gst_exempt_categories', value: [art.slug] }).onConflictDoUpdate({ target: settings.key, set: { value: [art.slug] } })
    const exempt = await invoiceOf((await book(partner.id, { categoryId: art.id, price: 250_000 })).bookingId)
    expect(exempt).toMatchObject({ supply_type: 'exempt', rate_percent: 0, taxable_value: 250_000, cgst: 0, sgst: 0, igst: 0, total: 250_000 })

    await db.insert(settings).values({ key: 'gst', value: 5 }).onConflictDoUpdate({ target: settings.key, set: { value: 5 } })
    try {
      const taxed = await invoiceOf((await book(partner.id, { price: 105_000 })).bookingId)
      expect(taxed).toMatchObject({ rate_percent: 5, taxable_value: 100_000, cgst: 2_500, sgst: 2_500 })
    } finally {
      await db.delete(settings).where(eq(settings.key, 'gst'))
    }
  })

  it('charges no GST for a partner without a GSTIN', async () => {
    const partner = await karnatakaPartner({ gstin: null })
    const invoice = await invoiceOf((await book(partner.id)).bookingId)
    expect(invoice).toMatchObject({ supplier_gstin: null, supply_type: 'exempt', taxable_value: 118_000, total: 118_000 })
  })

  it('numbers each partner’s invoices consecutively in its own series', async () => {
    const [a, b] = [await karnatakaPartner(), await karnatakaPartner()]
    const rows = []
    for (const partner of [a, b, a, a, b]) rows.push((await invoiceOf((await book(partner.id)).bookingId))!)
    const ofA = rows.filter((r) => r.partner_id === a.id)
    const ofB = rows.filter((r) => r.partner_id === b.id)
    expect(ofA.map((r) => r.sequence)).toEqual([1, 2, 3])
    expect(ofB.map((r) => r.sequence)).toEqual([1, 2])
    expect(new Set(ofA.map((r) => r.series)).size).toBe(1)
    expect(ofA[0]!.series).not.toBe(ofB[0]!.series)
    expect(new Set(rows.map((r) => r.invoice_number)).size).toBe(5)
    for (const r of rows) expect(r.invoice_number.length).toBeLessThanOrEqual(16)
  })

  it('issues once for a booking paid through Razorpay, never for one paid with credits', async () => {
    const partner = await karnatakaPartner()
    const listing = await createListing(db, { partner_id: partner.id, venue: { state: 'Maharashtra' } })
    const parent = await createUser(db)
    const paid = async (payment_method: 'razorpay' | 'credits') =>
      (await db.insert(bookings).values({ user_id: parent.id, listing_id: listing.id, status: 'confirmed', amount: 59_000, payment_method, confirmed_at: ctx.clock.now() }).returning())[0]!
    const razorpay = await paid('razorpay')
    const first = await db.transaction((tx) => issueInvoiceForBooking(tx, razorpay.id, ctx.clock.now()))
    expect(first).toMatchObject({ booking_id: razorpay.id, supply_type: 'inter_state', taxable_value: 50_000, igst: 9_000, quantity: 1 })
    const again = await db.transaction((tx) => issueInvoiceForBooking(tx, razorpay.id, ctx.clock.now()))
    expect(again!.id).toBe(first!.id)
    const credits = await paid('credits')
    expect(await db.transaction((tx) => issueInvoiceForBooking(tx, credits.id, ctx.clock.now()))).toBeUndefined()
  })

  it('issues nothing for a free booking', async () => {
    const partner = await karnatakaPartner()
    expect(await invoiceOf((await book(partner.id, { price: 0 })).bookingId)).toBeUndefined()
  })
})

describe('reading invoices', async () => {
  const partner = await karnatakaPartner()
  const partnerUser = { id: partner.user_id, role: 'partner' as const }
  const { bookingId, parent } = await book(partner.id)
  const invoice = (await invoiceOf(bookingId))!
  const other = await createUser(db)
  const otherPartner = await karnatakaPartner()
  const admin = await createUser(db, { role: 'admin' })
  const get = async (url: string, user?: { id: string; role: 'customer' | 'partner' | 'admin' }) =>
    ctx.app.inject({ url, headers: user ? await authHeader(user, ctx.clock) : {} })

  it('lists the parent’s own invoices, paginated', async () => {
    await book(partner.id).then(async () => undefined)
    const res = await get('/api/invoices/my?page_size=1', parent)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ total: 1, page: 1, page_size: 1 })
    expect((res.json().items as InvoiceResponse[])[0]).toMatchObject({ id: invoice.id, invoice_number: invoice.invoice_number, total: 118_000 })
    expect((await get('/api/invoices/my', other)).json()).toMatchObject({ items: [], total: 0 })
    expect((await get('/api/invoices/my')).statusCode).toBe(401)
    expect((await get('/api/invoices/my', partnerUser)).statusCode).toBe(403)
    expect((await get('/api/invoices/my?page=0', parent)).statusCode).toBe(422)
  })

  it('shows one invoice to its customer, its partner and an admin; 404 to anyone else', async () => {
    for (const user of [parent, partnerUser, admin]) {
      const res = await get(`/api/invoices/${invoice.id}`, user)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ id: invoice.id, booking_id: bookingId, cgst: 9_000, sgst: 9_000, rate_percent: 18, issued_at: invoice.issued_at.toISOString() })
    }
    for (const user of [other, { id: otherPartner.user_id, role: 'partner' as const }]) {
      expect((await get(`/api/invoices/${invoice.id}`, user)).statusCode).toBe(404)
      expect((await get(`/api/invoices/${invoice.id}/pdf`, user)).statusCode).toBe(404)
    }
    expect((await get(`/api/invoices/${randomUUID()}`, admin)).statusCode).toBe(404)
    expect((await get('/api/invoices/not-a-uuid', parent)).statusCode).toBe(422)
    expect((await get(`/api/invoices/${invoice.id}`)).statusCode).toBe(401)
  })

  it('serves the PDF, which shows the number and the total', async () => {
    for (const user of [parent, partnerUser, admin]) {
      const res = await get(`/api/invoices/${invoice.id}/pdf`, user)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    // the same rendering, uncompressed with the built-in font, so its text can be read back
    const service = createInvoicesService({ db, pdf: { font: null, compress: false } })
    const { pdf } = await service.renderInvoice(parent, invoice.id)
    const raw = pdf.toString('latin1')
    const hex = (chunk: string) => [...chunk.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1')).join('')
    const text = [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => hex(m[1] ?? '')).join('|')
    for (const expected of [invoice.invoice_number, 'Rs. 1,180.00', 'CGST @ 9%', 'Rs. 90.00', 'Asha Rao', 'Place of supply: Karnataka']) expect(text).toContain(expected)
  })
})
