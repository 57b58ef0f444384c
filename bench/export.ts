// The admins' bookings CSV on a large table: the large set's 30k bookings are topped up to 100k (older than the
// trending window, so the other routes' figures do not move), then one export of a year is streamed and counted
// without buffering, while the server's RSS is sampled.
import { sql } from 'drizzle-orm'
import type { Db } from '../src/db/database.js'
import { queryRow } from '../src/db/query.js'
import { createTokenService } from '../src/shared/auth.js'
import { systemClock } from '../src/shared/clock.js'
import { addDays, localDate } from '../src/seed/local-time.js'
import { stableId } from '../src/seed/stable-id.js'
import { note, startProgress } from './progress.js'
import { BENCH_JWT_SECRET } from './protocol.js'
import type { DataSize } from './seed-large.js'
import type { ServerProcess } from './server-process.js'

export const EXPORT_ROWS = 100_000
export const QUICK_EXPORT_ROWS = 10_000

export interface ExportBenchResult {
  rows: number
  megabytes: number
  seconds: number
  rows_per_second: number
  rss_before_mb: number
  peak_rss_mb: number
  rss_growth_mb: number
}

/** Adds bookings until the table holds `target`: 31–364 days old, a mix of completed and cancelled-with-refund. */
export async function extendBookingsForExport(db: Db, size: DataSize, target: number): Promise<void> {
  const have = (await queryRow<{ n: number }>(db, sql`select count(*)::int n from bookings`))?.n ?? 0
  const missing = target - have
  if (missing <= 0) return
  const p = size.partners
  const customers = size.users - p
  const now = systemClock.now().toISOString()
  const progress = startProgress('export bookings', missing)
  for (let from = 1; from <= missing; from += 10_000) {
    const to = Math.min(missing, from + 9_999)
    await db.execute(sql`
      insert into bookings (user_id, listing_id, status, seats, amount, payment_method, refund_amount, refund_status,
        cancelled_by, cancelled_at, cancellation_reason, created_at, updated_at)
      select md5('bench-user-' || (${p}::int + 1 + (i::bigint * 7919) % ${customers}::int)::text)::uuid,
        md5('bench-listing-' || (1 + (i::bigint * 104729) % ${size.listings}::int)::text)::uuid,
        case when i % 10 = 0 then 'cancelled' else 'completed' end, 1 + i % 2, 49900 + (i % 50) * 1000, 'mock',
        case when i % 10 = 0 then 24950 else 0 end, case when i % 10 = 0 then 'processed' end,
        case when i % 10 = 0 then 'customer' end, case when i % 10 = 0 then ${now}::timestamptz - interval '20 days' end,
        case when i % 10 = 0 then 'Plans changed, "sorry"' end,
        ${now}::timestamptz - interval '31 days' - ((i * 37) % (333 * 24 * 60)) * interval '1 minute', ${now}::timestamptz
      from generate_series(${from}::int, ${to}::int) i`)
    progress.update(to)
  }
  progress.finish()
  await db.execute(sql`analyze bookings`)
}

/** Streams GET /api/admin/bookings/export.csv for the last 366 India days, counting lines as they arrive. */
export async function benchExport(server: ServerProcess): Promise<ExportBenchResult> {
  const tokens = createTokenService({ secret: BENCH_JWT_SECRET, expiryHours: 24, clock: systemClock })
  const token = await tokens.issue({ id: stableId('admin:admin@bench.rrray.test'), role: 'admin' })
  const today = localDate(systemClock.now(), 'Asia/Kolkata')
  const url = `${server.baseUrl}/api/admin/bookings/export.csv?from=${addDays(today, -365)}&to=${today}`
  await server.memory(true)
  const before = await server.memory(true)
  note('export: streaming the bookings CSV')
  const started = performance.now()
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`)
  let lines = 0
  let bytes = 0
  // the file is never kept: each chunk's line breaks are counted (a quoted cell never holds one here) and dropped
  for await (const chunk of res.body) {
    bytes += chunk.byteLength
    for (const byte of chunk) if (byte === 10) lines++
  }
  const seconds = (performance.now() - started) / 1000
  const after = await server.memory(false)
  const rows = lines - 1
  return {
    rows,
    megabytes: bytes / 1_048_576,
    seconds,
    rows_per_second: rows / seconds,
    rss_before_mb: before.rss / 1_048_576,
    peak_rss_mb: after.peakRss / 1_048_576,
    rss_growth_mb: (after.peakRss - before.rss) / 1_048_576,
  }
}
