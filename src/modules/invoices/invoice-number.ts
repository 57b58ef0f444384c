// GST invoice numbers (Rule 46(b) CGST Rules): consecutive within a series and a financial year (April–March, India time),
// at most 16 characters of letters, digits, '/' and '-'. Allocated in the caller's transaction: a rollback gives the number back.
import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { queryRow } from '../../db/query.js'

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000
const DIGITS = 6
const MAX_LENGTH = 16
const SERIES = /^[A-Za-z0-9]{1,3}$/
const RULE_46B = /^[A-Za-z0-9/-]{1,16}$/

/** '2026-27' for any instant from 1 Apr 2026 00:00 to 31 Mar 2027 23:59:59 in Asia/Kolkata. */
export function financialYearOf(at: Date): string {
  const india = new Date(at.getTime() + IST_OFFSET_MS)
  const year = india.getUTCMonth() >= 3 ? india.getUTCFullYear() : india.getUTCFullYear() - 1
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`
}

/** RR + 2026-27 + 1 → 'RR/26-27/000001' (15 characters). */
export function formatInvoiceNumber(series: string, financialYear: string, sequence: number): string {
  if (!SERIES.test(series)) throw new RangeError('an invoice series is 1–3 letters or digits')
  if (!/^\d{4}-\d{2}$/.test(financialYear)) throw new RangeError('a financial year looks like 2026-27')
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('an invoice sequence starts at 1')
  const number = `${series}/${financialYear.slice(2)}/${String(sequence).padStart(DIGITS, '0')}`
  if (number.length > MAX_LENGTH || !RULE_46B.test(number)) throw new RangeError(`invoice number ${number} breaks Rule 46(b)`)
  return number
}

export interface AllocatedInvoiceNumber {
  invoice_number: string
  series: string
  financial_year: string
  sequence: number
}

/**
 * The next number of `series` in the financial year of `date`. Call it inside the transaction that writes the invoice:
 * the series row stays locked until that transaction ends, so concurrent invoices get consecutive numbers without gaps.
 */
export async function allocateInvoiceNumber(tx: Executor, series: string, date: Date): Promise<AllocatedInvoiceNumber> {
  if (!SERIES.test(series)) throw new RangeError('an invoice series is 1–3 letters or digits')
  const financialYear = financialYearOf(date)
  const row = await queryRow<{ next_number: number }>(
    tx,
    sql`insert into invoice_series (series, financial_year, next_number) values (${series}, ${financialYear}, 1)
        on conflict (series, financial_year) do update set next_number = invoice_series.next_number + 1
        returning next_number`,
  )
  if (!row) throw new Error('invoice_series allocation returned no row')
  const sequence = Number(row.next_number)
  return { invoice_number: formatInvoiceNumber(series, financialYear, sequence), series, financial_year: financialYear, sequence }
}
