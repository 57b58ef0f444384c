// The bookings CSV: its columns, money as rupees and paise, and text cells made safe to open in a spreadsheet.
import type { ExportBookingRow } from './admin-bookings.queries.js'

/** The file's columns, in order (README.md, "Admin: bookings" documents each). */
export const BOOKINGS_CSV_COLUMNS = [
  'booking_id', 'created_at_ist', 'status', 'payment_method',
  'customer_id', 'customer_name', 'customer_phone', 'customer_email',
  'listing_id', 'listing_title', 'city', 'partner_id', 'partner_name', 'first_session_ist',
  'seats', 'amount_rupees', 'amount_paise', 'refund_rupees', 'refund_paise', 'refund_status',
  'credits_amount', 'credits_refunded', 'cancelled_at_ist', 'cancelled_by', 'cancellation_reason', 'payment_ref',
] as const

export type BookingsCsvRecord = Record<(typeof BOOKINGS_CSV_COLUMNS)[number], string | number>

/** Paise as rupees with two decimals: 123450 → '1234.50'. */
export function rupees(paise: number): string {
  const sign = paise < 0 ? '-' : ''
  const abs = Math.abs(paise)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * A cell a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage return) gets a leading single
 * quote, so it shows as text (OWASP "CSV injection"). A phone number like +91… is shown as '+91….
 */
export function neutralise(text: string | null): string {
  if (text === null) return ''
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export function toCsvRecord(row: ExportBookingRow): BookingsCsvRecord {
  return {
    booking_id: row.id,
    created_at_ist: row.created_at_ist,
    status: row.status,
    payment_method: row.payment_method,
    customer_id: row.user_id,
    customer_name: neutralise(row.customer_name),
    customer_phone: neutralise(row.customer_phone),
    customer_email: neutralise(row.customer_email),
    listing_id: row.listing_id,
    listing_title: neutralise(row.listing_title),
    city: neutralise(row.city),
    partner_id: row.partner_id ?? '',
    partner_name: neutralise(row.partner_name),
    first_session_ist: row.first_session_ist ?? '',
    seats: row.seats,
    amount_rupees: rupees(row.amount),
    amount_paise: row.amount,
    refund_rupees: rupees(row.refund_amount),
    refund_paise: row.refund_amount,
    refund_status: row.refund_status ?? '',
    credits_amount: row.credits_amount,
    credits_refunded: row.credits_refunded,
    cancelled_at_ist: row.cancelled_at_ist ?? '',
    cancelled_by: row.cancelled_by ?? '',
    cancellation_reason: neutralise(row.cancellation_reason),
    payment_ref: neutralise(row.payment_ref),
  }
}
