// Invoices: GST arithmetic, Rule 46(b) numbering and the PDF. The bookings module issues invoices with these.
export { computeGst, isIntraState, type GstBreakdown, type GstInput, type SupplyType } from './gst.js'
export { allocateInvoiceNumber, financialYearOf, formatInvoiceNumber, type AllocatedInvoiceNumber } from './invoice-number.js'
export { formatRupees, renderInvoicePdf, type InvoiceDocument, type InvoiceLine, type InvoiceParty, type RenderInvoiceOptions } from './invoice-pdf.js'
