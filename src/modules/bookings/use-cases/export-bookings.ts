// The bookings CSV export: validated up front, then streamed from keyset batches through csv-stringify, so neither the
// rows nor the file are ever held whole in memory.
import { pipeline, Readable } from 'node:stream'
import { stringify, type Stringifier } from 'csv-stringify'
import { DAY_MS } from '../../../shared/clock.js'
import { readExportBatch } from '../admin-bookings.queries.js'
import type { ExportAdminBookingsQuery } from '../admin-bookings.schemas.js'
import type { BookingsContext } from '../booking-context.js'
import { BOOKINGS_CSV_COLUMNS, toCsvRecord, type BookingsCsvRecord } from '../bookings-csv.js'
import { DateRangeTooLongError } from '../bookings.errors.js'
import { assertDateRange } from './admin-bookings.js'

/** Rows per keyset read: one index walk each, and the most the export holds at once. */
export const EXPORT_BATCH_SIZE = 500
/** The longest range an export may cover, from and to included. */
export const EXPORT_MAX_DAYS = 366

export function createExportUseCases(ctx: BookingsContext) {
  const { db } = ctx

  async function* records(query: ExportAdminBookingsQuery): AsyncGenerator<BookingsCsvRecord> {
    let after: { created_at: string; id: string } | null = null
    for (;;) {
      const batch = await readExportBatch(db, query, after, EXPORT_BATCH_SIZE)
      for (const row of batch) yield toCsvRecord(row)
      const last = batch.at(-1)
      if (!last || batch.length < EXPORT_BATCH_SIZE) return
      after = { created_at: last.cursor_at, id: last.id }
    }
  }

  return {
    /**
     * 422 for a reversed range or one over EXPORT_MAX_DAYS; otherwise the CSV as a stream (UTF-8 with a BOM, a header
     * line, one row per booking in creation order). A failing read ends the stream with an error (the response aborts).
     */
    exportBookingsCsv(query: ExportAdminBookingsQuery): Stringifier {
      assertDateRange(query)
      const days = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / DAY_MS + 1
      if (days > EXPORT_MAX_DAYS) throw new DateRangeTooLongError(EXPORT_MAX_DAYS)
      const csv = stringify({ bom: true, header: true, columns: [...BOOKINGS_CSV_COLUMNS] })
      // pipeline: an aborted download destroys the source too, which ends the generator (no read is left waiting)
      pipeline(Readable.from(records(query)), csv, () => undefined)
      return csv
    },
  }
}
