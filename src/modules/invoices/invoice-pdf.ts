// A GST tax invoice (or bill of supply for an exempt supply) as a PDF: supplier with GSTIN and state, customer,
// place of supply, lines, taxable value, CGST+SGST or IGST, and the total in rupees.
import { existsSync } from 'node:fs'
import type { GstBreakdown } from './gst.js'

export interface InvoiceParty {
  name: string
  gstin?: string | null
  address?: string | null
  state?: string | null
  state_code?: string | null
}

export interface InvoiceLine {
  description: string
  /** Services Accounting Code, e.g. 999293 (commercial training and coaching). */
  sac?: string | null
  quantity: number
  /** The line's price, tax included, in paise. */
  amount: number
}

export interface InvoiceDocument {
  invoice_number: string
  /** 'YYYY-MM-DD' */
  invoice_date: string
  supplier: InvoiceParty & { state: string }
  customer: InvoiceParty
  place_of_supply: { state: string; state_code?: string | null }
  lines: InvoiceLine[]
  gst: GstBreakdown
  notes?: string | null
}

export interface RenderInvoiceOptions {
  /** A TrueType font with the ₹ sign (path or bytes); null → the built-in Helvetica and 'Rs.'. Default: DejaVu Sans when installed. */
  font?: string | Buffer | null
  /** Compress the PDF's streams (default true; tests turn it off to search the text). */
  compress?: boolean
}

const FONT_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf', '/Library/Fonts/DejaVuSans.ttf']

function defaultFont(): string | null {
  return FONT_CANDIDATES.find((path) => existsSync(path)) ?? null
}

const indianGrouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 })

/** 12345678 paise → '₹1,23,456.78' (Indian digit grouping); `symbol` 'Rs. ' where the font has no ₹. */
export function formatRupees(paise: number, symbol = '₹'): string {
  const sign = paise < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(paise))
  return `${sign}${symbol}${indianGrouping.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`
}

const placeLabel = (state: string, code?: string | null): string => (code ? `${state} (${code})` : state)
const halfRate = (rate: number): string => `${Number((rate / 2).toFixed(3))}%`

export async function renderInvoicePdf(invoice: InvoiceDocument, options: RenderInvoiceOptions = {}): Promise<Buffer> {
  const font = options.font === undefined ? defaultFont() : options.font
  const rupee = font ? '₹' : 'Rs. '
  const money = (paise: number): string => formatRupees(paise, rupee)
  const exempt = invoice.gst.supply_type === 'exempt'
  // loaded on the first invoice, not at start: pdfkit and its font tables are ~5 MB a server rarely needs
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: options.compress ?? true,
    info: {
      Title: `${exempt ? 'Bill of supply' : 'Tax invoice'} ${invoice.invoice_number}`,
      Author: invoice.supplier.name,
      CreationDate: new Date(`${invoice.invoice_date}T00:00:00+05:30`),
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  if (font) doc.registerFont('body', font)
  doc.font(font ? 'body' : 'Helvetica')

  doc.fontSize(18).text(exempt ? 'Bill of Supply' : 'Tax Invoice')
  doc.fontSize(10).moveDown(0.3)
  doc.text(`Invoice no.: ${invoice.invoice_number}`)
  doc.text(`Date: ${invoice.invoice_date}`)
  doc.moveDown()

  doc.fontSize(11).text('Supplier').fontSize(10)
  doc.text(invoice.supplier.name)
  if (invoice.supplier.address) doc.text(invoice.supplier.address)
  doc.text(`GSTIN: ${invoice.supplier.gstin ?? 'Unregistered'}`)
  doc.text(`State: ${placeLabel(invoice.supplier.state, invoice.supplier.state_code)}`)
  doc.moveDown()

  doc.fontSize(11).text('Customer').fontSize(10)
  doc.text(invoice.customer.name)
  if (invoice.customer.address) doc.text(invoice.customer.address)
  if (invoice.customer.gstin) doc.text(`GSTIN: ${invoice.customer.gstin}`)
  if (invoice.customer.state) doc.text(`State: ${placeLabel(invoice.customer.state, invoice.customer.state_code)}`)
  doc.text(`Place of supply: ${placeLabel(invoice.place_of_supply.state, invoice.place_of_supply.state_code)}`)
  doc.moveDown()

  const left = doc.page.margins.left
  const columns = { description: left, sac: left + 260, quantity: left + 340, amount: left + 390 }
  const row = (description: string, sac: string, quantity: string, amount: string): void => {
    const y = doc.y
    doc.text(description, columns.description, y, { width: 250 })
    const after = doc.y
    doc.text(sac, columns.sac, y, { width: 70 })
    doc.text(quantity, columns.quantity, y, { width: 40, align: 'right' })
    doc.text(amount, columns.amount, y, { width: 110, align: 'right' })
    doc.x = left
    doc.y = Math.max(after, doc.y) + 4
  }
  row('Description', 'SAC', 'Qty', 'Amount (incl. GST)')
  for (const line of invoice.lines) row(line.description, line.sac ?? '', String(line.quantity), money(line.amount))
  doc.moveDown()

  const total = (label: string, value: number): void => row(label, '', '', money(value))
  const { gst } = invoice
  total('Taxable value', gst.taxable_value)
  if (gst.supply_type === 'intra_state') {
    total(`CGST @ ${halfRate(gst.rate_percent)}`, gst.cgst)
    total(`SGST @ ${halfRate(gst.rate_percent)}`, gst.sgst)
  } else if (gst.supply_type === 'inter_state') {
    total(`IGST @ ${Number(gst.rate_percent.toFixed(2))}%`, gst.igst)
  }
  doc.fontSize(12)
  total('Total', gst.total)
  doc.fontSize(9).moveDown()
  if (exempt) doc.text('Exempt supply: no GST charged.')
  if (invoice.notes) doc.text(invoice.notes)
  doc.end()
  return finished
}
