// Answer shapes of invoices: the stored row as it is (amounts in paise), and the PDF.
import Type, { type Static } from 'typebox'
import { SUPPLY_TYPES } from '../../db/schema/invoices.js'
import { IsoDateTime, Paise, PageQuery, Uuid } from '../../shared/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const INVOICE_EXAMPLE = {
  id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  invoice_number: '001/26-27/000042',
  series: '001',
  financial_year: '2026-27',
  sequence: 42,
  booking_id: '7c6b5a49-3827-4165-9f4e-3d2c1b0a9f8e',
  user_id: '5b7c2f0e-3a1d-4c52-9a8e-0f6f2b9d1c44',
  partner_id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
  credit_purchase_id: null,
  supplier_name: 'Little Strikers Football Academy',
  supplier_gstin: '29ABCDE1234F1Z5',
  supplier_state: 'Karnataka',
  customer_name: 'Asha Rao',
  place_of_supply_state: 'Karnataka',
  supply_type: 'intra_state',
  rate_percent: 18,
  description: 'Junior Football — Single session',
  quantity: 1,
  taxable_value: 100_000,
  cgst: 9_000,
  sgst: 9_000,
  igst: 0,
  total: 118_000,
  issued_at: '2026-12-01T10:00:00.000Z',
}

export const InvoiceResponse = Type.Object(
  {
    id: Uuid,
    invoice_number: Type.String({ maxLength: 16 }),
    series: Type.String(),
    financial_year: Type.String({ description: 'April to March, India time: 2026-27' }),
    sequence: Type.Integer({ minimum: 1 }),
    booking_id: Nullable(Uuid),
    credit_purchase_id: Nullable(Type.String({ format: 'uuid', description: 'Set on the platform’s invoice for a credit plan purchase (booking_id is then null)' })),
    user_id: Uuid,
    partner_id: Nullable(Type.String({ format: 'uuid', description: 'The supplying partner; null when the platform supplies (credit plans)' })),
    supplier_name: Type.String(),
    supplier_gstin: Nullable(Type.String()),
    supplier_state: Type.String(),
    customer_name: Type.String(),
    place_of_supply_state: Type.String({ description: 'The venue’s state; for an online listing the partner’s' }),
    supply_type: Type.Enum([...SUPPLY_TYPES]),
    rate_percent: Type.Number(),
    description: Type.String(),
    quantity: Type.Integer({ minimum: 1 }),
    taxable_value: Paise,
    cgst: Paise,
    sgst: Paise,
    igst: Paise,
    total: Paise,
    issued_at: IsoDateTime,
  },
  { examples: [INVOICE_EXAMPLE] },
)
export type InvoiceResponse = Static<typeof InvoiceResponse>

export const MyInvoicesQuery = PageQuery
export type MyInvoicesQuery = Static<typeof MyInvoicesQuery>

export const InvoicePdfResponse = {
  description: 'The invoice as a PDF (application/pdf)',
  content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
}
