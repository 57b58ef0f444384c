// Invoices: GST arithmetic, Rule 46(b) numbering, the PDF, issuing one per paid booking (the bookings module calls it) and one
// per paid credit plan purchase (the credits module calls it), and their routes.
export { computeGst, isIntraState, type GstBreakdown, type GstInput, type SupplyType } from './gst.js'
export { allocateInvoiceNumber, financialYearOf, formatInvoiceNumber, type AllocatedInvoiceNumber } from './invoice-number.js'
export { formatRupees, renderInvoicePdf, type InvoiceDocument, type InvoiceLine, type InvoiceParty, type RenderInvoiceOptions } from './invoice-pdf.js'
export { issueInvoiceForBooking, newBookingInvoiceSql, parseExemptCategories, seriesOfPartner, parseGstRate, supplierSeriesCode, DEFAULT_GST_RATE_PERCENT, type BookingInvoiceFacts, type InvoiceRow } from './issue-invoice.js'
export { issueInvoiceForCreditPurchase, CREDIT_INVOICE_SERIES, type PlatformSupplier } from './issue-platform-invoice.js'
export { createInvoicesService, type InvoicesService } from './invoices.service.js'
export { invoicesModule } from './invoices.module.js'
export { findInvoiceIdOfPurchase, findInvoiceOfBooking } from './invoice-queries.js'
