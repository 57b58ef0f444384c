import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { computeGst } from './gst.js'
import { formatRupees, renderInvoicePdf, type InvoiceDocument } from './invoice-pdf.js'

const supplier = { name: 'Little Strikers Football Academy', gstin: '29ABCDE1234F1Z5', state: 'Karnataka', state_code: '29' }
const customer = { name: 'Asha Rao', state: 'Karnataka', state_code: '29' }

function invoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    invoice_number: 'RR/26-27/000042',
    invoice_date: '2026-11-28',
    supplier,
    customer,
    place_of_supply: { state: 'Karnataka', state_code: '29' },
    lines: [{ description: 'Football coaching, 8 sessions', sac: '999293', quantity: 1, amount: 1_234_567 }],
    gst: computeGst({ amount_paise: 1_234_567, rate_percent: 18, supplierState: 'Karnataka', placeOfSupplyState: 'Karnataka', exempt: false }),
    ...overrides,
  }
}

// pdfkit writes standard-font text as `[<hex> kern <hex> …] TJ`; decode each text operation of the uncompressed content
function textOf(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const hex = (chunk: string): string => [...chunk.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1')).join('')
  return [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => hex(m[1] ?? '')).join('|')
}

describe('formatRupees', () => {
  it('groups digits the Indian way and keeps exact paise', () => {
    expect(formatRupees(1_234_567)).toBe('₹12,345.67')
    expect(formatRupees(12_345_678_901)).toBe('₹12,34,56,789.01')
    expect(formatRupees(5)).toBe('₹0.05')
    expect(formatRupees(100_000, 'Rs. ')).toBe('Rs. 1,000.00')
  })
})

describe('renderInvoicePdf', () => {
  it('writes a PDF with supplier, customer, place of supply, CGST/SGST and the totals', async () => {
    const doc = invoice()
    expect(doc.gst).toMatchObject({ taxable_value: 1_046_243, cgst: 94_162, sgst: 94_162 })
    const pdf = await renderInvoicePdf(doc, { font: null, compress: false })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = textOf(pdf)
    for (const expected of [
      'Tax Invoice', 'RR/26-27/000042', 'Little Strikers Football Academy', 'GSTIN: 29ABCDE1234F1Z5', 'State: Karnataka (29)', 'Asha Rao',
      'Place of supply: Karnataka (29)', 'Football coaching, 8 sessions', 'Taxable value', 'Rs. 10,462.43', 'CGST @ 9%', 'SGST @ 9%',
      'Rs. 941.62', 'Total', 'Rs. 12,345.67',
    ])
      expect(text, expected).toContain(expected)
    expect(text).not.toContain('IGST')
  })

  it('shows IGST for an inter-state supply and a bill of supply when exempt', async () => {
    const inter = invoice({
      place_of_supply: { state: 'Maharashtra', state_code: '27' },
      gst: computeGst({ amount_paise: 118_000, rate_percent: 18, supplierState: 'Karnataka', placeOfSupplyState: 'Maharashtra', exempt: false }),
      lines: [{ description: 'Art camp', quantity: 2, amount: 118_000 }],
    })
    const interText = textOf(await renderInvoicePdf(inter, { font: null, compress: false }))
    expect(interText).toContain('IGST @ 18%')
    expect(interText).toContain('Rs. 180.00')
    expect(interText).toContain('Rs. 1,180.00')
    expect(interText).not.toContain('CGST')

    const exempt = invoice({ gst: computeGst({ amount_paise: 300_000, rate_percent: 0, supplierState: 'Karnataka', placeOfSupplyState: 'Karnataka', exempt: true }) })
    const exemptText = textOf(await renderInvoicePdf(exempt, { font: null, compress: false }))
    expect(exemptText).toContain('Bill of Supply')
    expect(exemptText).toContain('Rs. 3,000.00')
    expect(exemptText).not.toMatch(/[CSI]GST @/)
  })

  const dejaVu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
  it.runIf(existsSync(dejaVu))('embeds a font with the ₹ sign when one is available, compressed by default', async () => {
    const pdf = await renderInvoicePdf(invoice(), { font: dejaVu, compress: false })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // the embedded subset's ToUnicode map lists U+20B9 (₹)
    expect(pdf.toString('latin1').toLowerCase()).toContain('<20b9>')
    const compressed = await renderInvoicePdf(invoice())
    expect(compressed.subarray(0, 5).toString()).toBe('%PDF-')
    expect(compressed.length).toBeLessThan(pdf.length)
  })
})
